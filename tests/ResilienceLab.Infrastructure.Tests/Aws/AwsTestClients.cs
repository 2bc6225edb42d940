using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using ResilienceLab.Infrastructure.Aws;

namespace ResilienceLab.Infrastructure.Tests.Aws;

/// <summary>SDK clients pointed at a stand-in endpoint, with dummy credentials and no retries (tests stay fast).</summary>
internal static class AwsTestClients
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static BasicAWSCredentials Credentials => new(AccessKey, SecretKey);

    /// <summary>A call bound without retries, so a stand-in's one answer is what the test sees.</summary>
    public static AwsCallPolicy Calls(TimeProvider? time = null) => new("the stand-in", TimeSpan.FromSeconds(5), 0, time ?? TimeProvider.System);

    public static AmazonSQSClient Sqs(string serviceUrl) =>
        new(Credentials, new AmazonSQSConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    public static AmazonDynamoDBClient DynamoDb(string serviceUrl) =>
        new(Credentials, new AmazonDynamoDBConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    /// <summary>The hex MD5 SQS returns for a body (the SDK checks it).</summary>
#pragma warning disable CA5351 // SQS checksums bodies with MD5; this only mirrors the protocol.
    public static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
