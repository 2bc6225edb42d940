using System.ComponentModel.DataAnnotations;
using ResilienceLab.Stack.Validation;

namespace ResilienceLab.Stack.Bulkheads;

/// <summary>A concurrency limit per dependency (<c>bulkhead</c> in the config): calls beyond it wait in a bounded queue, and beyond that are rejected.</summary>
public sealed class BulkheadOptions
{
    /// <summary>Calls allowed in progress at once (<c>max_concurrency</c>). <value>Default 10.</value></summary>
    [Range(1, int.MaxValue)]
    public int MaxConcurrency { get; init; } = BulkheadConstants.DefaultMaxConcurrency;

    /// <summary>Calls allowed to wait for a slot (<c>max_queue</c>); 0 rejects at once when all slots are taken. <value>Default 0.</value></summary>
    [Range(0, int.MaxValue)]
    public int MaxQueue { get; init; } = BulkheadConstants.DefaultMaxQueue;

    /// <summary>Throws one <see cref="ValidationException"/> listing every problem.</summary>
    public void Validate() => OptionsValidator.ThrowIfAny("bulkhead options", Problems(string.Empty));

    internal List<string> Problems(string prefix) => OptionsValidator.Problems(this, prefix);
}
