using System.Text;
using ResilienceLab.Infrastructure.Aws;

namespace ResilienceLab.Infrastructure.Tests.Aws;

/// <summary>Checked against AWS's published SigV4 test suite (get-vanilla, post-vanilla).</summary>
public sealed class AwsSigV4SignerTests
{
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private static string Sign(string method) => AwsSigV4Signer.ComputeAuthorization(
        method,
        new Uri("https://example.amazonaws.com/"),
        [new("Host", "example.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z")],
        ReadOnlySpan<byte>.Empty,
        AwsTestClients.AccessKey,
        AwsTestClients.SecretKey,
        "us-east-1",
        "service",
        SuiteTime);

    [Fact]
    public void ComputeAuthorization_GetVanilla_MatchesSuite() =>
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            Sign("GET"));

    [Fact]
    public void ComputeAuthorization_PostVanilla_MatchesSuite() =>
        Assert.EndsWith("Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b", Sign("POST"), StringComparison.Ordinal);

    [Fact]
    public void FormatAmzDate_UsesUtcBasicFormat() =>
        Assert.Equal("20150830T123600Z", AwsSigV4Signer.FormatAmzDate(SuiteTime.ToOffset(TimeSpan.FromHours(2))));

    [Fact]
    public void HexSha256_EmptyPayload_IsKnownHash() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", AwsSigV4Signer.HexSha256(Encoding.UTF8.GetBytes(string.Empty)));
}
