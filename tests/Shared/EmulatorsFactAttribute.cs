namespace ResilienceLab.Tests.Shared;

/// <summary>
/// A fact that needs fauxqs (node 20+ and npm) and DynamoDB Local (java and npm). Skipped with the reason when one is
/// missing, unless RESILIENCELAB_REQUIRE_FAUXQS=1 or RESILIENCELAB_REQUIRE_DYNAMODB_LOCAL=1 says it must run (then it fails).
/// </summary>
public sealed class EmulatorsFactAttribute : FactAttribute
{
    public EmulatorsFactAttribute()
    {
        var reasons = new List<string>();
        if (!FauxqsFixture.IsRequired && FauxqsFixture.MissingPrerequisite() is { } fauxqs)
        {
            reasons.Add(fauxqs + " (set RESILIENCELAB_REQUIRE_FAUXQS=1 to fail instead)");
        }

        if (!DynamoDbLocalFixture.IsRequired && DynamoDbLocalFixture.MissingPrerequisite() is { } dynamoDb)
        {
            reasons.Add(dynamoDb + " (set RESILIENCELAB_REQUIRE_DYNAMODB_LOCAL=1 to fail instead)");
        }

        if (reasons.Count > 0)
        {
            Skip = string.Join("; ", reasons);
        }
    }
}
