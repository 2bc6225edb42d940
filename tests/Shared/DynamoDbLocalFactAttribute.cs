namespace ResilienceLab.Tests.Shared;

/// <summary>
/// A fact that needs DynamoDB Local (Java and npm). Skipped with the reason when either is missing,
/// unless RESILIENCELAB_REQUIRE_DYNAMODB_LOCAL=1, in which case it runs and fails.
/// </summary>
public sealed class DynamoDbLocalFactAttribute : FactAttribute
{
    public DynamoDbLocalFactAttribute()
    {
        if (DynamoDbLocalFixture.IsRequired)
        {
            return;
        }

        var reason = DynamoDbLocalFixture.MissingPrerequisite();
        if (reason is not null)
        {
            Skip = reason + " (set RESILIENCELAB_REQUIRE_DYNAMODB_LOCAL=1 to fail instead)";
        }
    }
}
