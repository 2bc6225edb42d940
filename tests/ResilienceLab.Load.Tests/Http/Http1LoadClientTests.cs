using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using ResilienceLab.Load.Http;

namespace ResilienceLab.Load.Tests.Http;

/// <summary>The lean HTTP/1.1 client against Kestrel (a real server) and, for misbehaviour, a scripted TCP server, all on loopback.</summary>
public class Http1LoadClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void EncodeRequest_Url_IsAGetWithHostAndNothingElse()
    {
        var bytes = Http1LoadClient.EncodeRequest(new Uri("http://127.0.0.1:8080/a/b?c=d"));

        Assert.Equal("GET /a/b?c=d HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n", System.Text.Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void EncodeRequest_DefaultPort_LeavesThePortOut()
    {
        var bytes = Http1LoadClient.EncodeRequest(new Uri("http://localhost/"));

        Assert.Equal("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", System.Text.Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Constructor_HttpsUrl_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new Http1LoadClient(Options(new Uri("https://127.0.0.1/")), TimeProvider.System));
    }

    [Fact]
    public async Task SendAsync_KestrelAnswersWithABody_IsOkAndReusesOneConnection()
    {
        await using var server = await LoopbackKestrel.StartAsync(context => context.Response.WriteAsync(new string('x', 20_000)));
        using var sut = new Http1LoadClient(Options(server.Url), TimeProvider.System);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(IterationOutcome.Success, await sut.SendAsync(default).AsTask().WaitAsync(Patience));
        }

        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task SendAsync_KestrelAnswersChunked_IsOkAndReusesOneConnection()
    {
        await using var server = await LoopbackKestrel.StartAsync(async context =>
        {
            // No length and several flushes: Kestrel frames the body by chunks.
            for (var piece = 0; piece < 5; piece++)
            {
                await context.Response.WriteAsync(new string((char)('a' + piece), 3000 + piece));
                await context.Response.Body.FlushAsync();
            }
        });
        using var sut = new Http1LoadClient(Options(server.Url), TimeProvider.System);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(IterationOutcome.Success, await sut.SendAsync(default).AsTask().WaitAsync(Patience));
        }

        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task SendAsync_KestrelSaysConnectionClose_IsOkAndOpensANewConnectionEachTime()
    {
        await using var server = await LoopbackKestrel.StartAsync(context =>
        {
            context.Response.Headers.Connection = "close";
            return context.Response.WriteAsync("bye");
        });
        using var sut = new Http1LoadClient(Options(server.Url), TimeProvider.System);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(IterationOutcome.Success, await sut.SendAsync(default).AsTask().WaitAsync(Patience));
        }

        Assert.Equal(3, server.Connections);
    }

    [Fact]
    public async Task SendAsync_KestrelAnswers500_FailsAsHttp500()
    {
        await using var server = await LoopbackKestrel.StartAsync(context =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync("broken");
        });
        using var sut = new Http1LoadClient(Options(server.Url), TimeProvider.System);

        var outcome = await sut.SendAsync(default).AsTask().WaitAsync(Patience);

        Assert.Equal(IterationOutcome.Failure("http_500"), outcome);
    }

    [Fact]
    public async Task SendAsync_MoreRequestsThanConnections_TheRestWaitAndAllSucceed()
    {
        await using var server = await LoopbackKestrel.StartAsync(context => context.Response.WriteAsync("ok"));
        using var sut = new Http1LoadClient(Options(server.Url) with { Connections = 2 }, TimeProvider.System);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sut.SendAsync(default).AsTask())).WaitAsync(Patience);

        Assert.All(outcomes, outcome => Assert.Equal(IterationOutcome.Success, outcome));
        Assert.InRange(server.Connections, 1, 2);
    }

    [Fact]
    public async Task SendAsync_RefusedPort_FailsAsConnectionRefused()
    {
        using var sut = new Http1LoadClient(Options(new Uri($"http://127.0.0.1:{ClosedPort()}/")), TimeProvider.System);

        var outcome = await sut.SendAsync(default).AsTask().WaitAsync(Patience);

        Assert.Equal(IterationOutcome.Failure("connection_refused"), outcome);
    }

    [Fact]
    public async Task SendAsync_ServerNeverAnswers_TimesOutWhenTheClockPassesTheRequestTimeout()
    {
        using var server = new ScriptedServer(ReadUntilTheClientLeavesAsync);
        var clock = FakeClock.Create();
        using var sut = new Http1LoadClient(Options(server.Url) with { RequestTimeout = TimeSpan.FromSeconds(2) }, clock);

        var sending = sut.SendAsync(default).AsTask();
        clock.Advance(TimeSpan.FromSeconds(1));
        var earlyFinish = await Task.WhenAny(sending, Task.Delay(TimeSpan.FromMilliseconds(200)));
        clock.Advance(TimeSpan.FromSeconds(2));
        var outcome = await sending.WaitAsync(Patience);

        Assert.NotSame(sending, earlyFinish);
        Assert.Equal(IterationOutcome.Failure("timeout"), outcome);
    }

    [Fact]
    public async Task SendAsync_WaitingForAConnectionPastTheTimeout_TimesOut()
    {
        using var server = new ScriptedServer(ReadUntilTheClientLeavesAsync);
        var clock = FakeClock.Create();
        using var sut = new Http1LoadClient(Options(server.Url) with { Connections = 1, RequestTimeout = TimeSpan.FromSeconds(1) }, clock);

        var holding = sut.SendAsync(default).AsTask();
        var waiting = sut.SendAsync(default).AsTask();
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(IterationOutcome.Failure("timeout"), await holding.WaitAsync(Patience));
        Assert.Equal(IterationOutcome.Failure("timeout"), await waiting.WaitAsync(Patience));
    }

    [Fact]
    public async Task SendAsync_RunCancelledWhileWaitingForTheAnswer_ThrowsOperationCanceled()
    {
        using var server = new ScriptedServer(ReadUntilTheClientLeavesAsync);
        using var sut = new Http1LoadClient(Options(server.Url), TimeProvider.System);
        using var run = new CancellationTokenSource();

        var sending = sut.SendAsync(run.Token).AsTask();
        await run.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(Patience));
    }

    [Fact]
    public async Task SendAsync_ServerStopsMidBody_FailsAsResponseEnded()
    {
        using var server = new ScriptedServer(async (stream, _) =>
        {
            await ScriptedServer.ReadRequestAsync(stream);
            await ScriptedServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        });
        using var sut = new Http1LoadClient(Options(server.Url), TimeProvider.System);

        var outcome = await sut.SendAsync(default).AsTask().WaitAsync(Patience);

        Assert.Equal(IterationOutcome.Failure("response_ended"), outcome);
    }

    [Fact]
    public async Task SendAsync_ServerAnswersGarbage_FailsAsInvalidResponse()
    {
        using var server = new ScriptedServer(async (stream, _) =>
        {
            await ScriptedServer.ReadRequestAsync(stream);
            await ScriptedServer.WriteAsync(stream, "SSH-2.0-OpenSSH_9.2\r\n\r\n");
            await ReadUntilTheClientLeavesAsync(stream, 0);
        });
        using var sut = new Http1LoadClient(Options(server.Url), TimeProvider.System);

        var outcome = await sut.SendAsync(default).AsTask().WaitAsync(Patience);

        Assert.Equal(IterationOutcome.Failure("invalid_response"), outcome);
    }

    [Fact]
    public async Task SendAsync_BodyEndsWithTheConnection_IsOk()
    {
        using var server = new ScriptedServer(async (stream, _) =>
        {
            await ScriptedServer.ReadRequestAsync(stream);
            await ScriptedServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it");
        });
        using var sut = new Http1LoadClient(Options(server.Url), TimeProvider.System);

        Assert.Equal(IterationOutcome.Success, await sut.SendAsync(default).AsTask().WaitAsync(Patience));
        Assert.Equal(IterationOutcome.Success, await sut.SendAsync(default).AsTask().WaitAsync(Patience));
        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task SendAsync_ServerClosedTheIdleConnection_RetriesOnceOnANewOne()
    {
        // Answers as if keeping the connection, then closes it: the next request finds it gone before any answer.
        using var server = new ScriptedServer(async (stream, _) =>
        {
            await ScriptedServer.ReadRequestAsync(stream);
            await ScriptedServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        });
        using var sut = new Http1LoadClient(Options(server.Url), TimeProvider.System);

        Assert.Equal(IterationOutcome.Success, await sut.SendAsync(default).AsTask().WaitAsync(Patience));
        Assert.Equal(IterationOutcome.Success, await sut.SendAsync(default).AsTask().WaitAsync(Patience));
        Assert.Equal(2, server.Accepted);
    }

    private static HttpLoadOptions Options(Uri url) => new(url, TimeSpan.FromSeconds(1)) { Connections = 4 };

    private static async Task ReadUntilTheClientLeavesAsync(NetworkStream stream, int connection)
    {
        var buffer = new byte[1024];
        while (await stream.ReadAsync(buffer) > 0)
        {
            // Never answers.
        }
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
