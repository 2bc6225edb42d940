using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Messages;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Stack.Discovery;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// What every <see cref="StackInstance"/> of a fleet shares: the config and plan, the backend's queues (as the run's ports
/// see them), bus and table, the topics workflows publish their outcome to, the dependencies' addresses, a connection pool (<see cref="HttpFor"/> gives instance N a
/// client naming it) and the message ledger.
/// </summary>
internal sealed record StackParts(
    LooseCouplingConfig Config,
    ResourcePlan Plan,
    IResourceBackend Backend,
    IServiceRegistry Registry,
    Func<int, HttpClient> HttpFor,
    TimeProvider Time,
    Func<double> Random,
    PortDecorators Decorators,
    MessageLedger Ledger,
    Func<string, IMessageQueue> Queue,
    IReadOnlyDictionary<string, ITopic> Topics,
    string InstancePrefix = "resilience-lab");
