using Amazon.SQS;
using Amazon.SQS.Model;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Tests.Aws;

[Trait("Category", "SqsEndpoint")]
public sealed class SqsEndpointIntegrationTests
{
    [SqsEndpointFact]
    public async Task SqsMessageQueue_AgainstEndpoint_SendsReceivesDeletes()
    {
        var options = new AwsEndpointOptions
        {
            Region = Environment.GetEnvironmentVariable("AWS_REGION") ?? AwsConstants.DefaultRegion,
            SqsServiceUrl = new Uri(Environment.GetEnvironmentVariable(SqsEndpointFactAttribute.Variable)!),
            MaxRetries = 0,
        };
        using var client = new AmazonSQSClient(AwsEndpointOptions.ResolveCredentials(options.SqsServiceUrl), options.CreateSqsConfig());
        var name = "resilience-lab-it-" + Guid.NewGuid().ToString("N")[..8];
        var url = (await client.CreateQueueAsync(new CreateQueueRequest { QueueName = name })).QueueUrl!;
        try
        {
            var sut = new SqsMessageQueue(client, name, url, options.SqsPolicy(TimeProvider.System));

            var id = await sut.SendAsync(new OutgoingMessage("hello", new Dictionary<string, string> { ["CorrelationId"] = "c-1" }));
            var batch = await sut.SendBatchAsync([new OutgoingMessage("b1"), new OutgoingMessage("b2")]);
            var received = new List<ReceivedMessage>();
            for (var attempt = 0; attempt < 5 && received.Count < 3; attempt++)
            {
                received.AddRange(await sut.ReceiveAsync(10, TimeSpan.FromSeconds(2)));
            }

            Assert.False(string.IsNullOrEmpty(id));
            Assert.Equal(2, batch.Count);
            Assert.Equal(3, received.Count);
            var hello = Assert.Single(received, m => m.Body == "hello");
            Assert.Equal("c-1", hello.Attributes["CorrelationId"]);
            Assert.Equal(1, hello.ReceiveCount);
            foreach (var message in received)
            {
                await sut.DeleteAsync(message.ReceiptHandle);
            }

            Assert.True((await sut.GetDepthAsync()).Total >= 0);
        }
        finally
        {
            await client.DeleteQueueAsync(new DeleteQueueRequest { QueueUrl = url });
        }
    }
}
