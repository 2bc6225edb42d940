namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>The circuit-breaker table (<c>$project-circuit-breaker-$stage</c>, hash key <c>service_name</c>, PAY_PER_REQUEST).</summary>
public sealed record BreakerTablePlan(string PhysicalName);
