namespace ResilienceLab.Cli;

/// <summary>What <see cref="NativeHeapLimits.Apply"/> did.</summary>
internal enum NativeHeapLimitsOutcome
{
    /// <summary>Both thresholds are fixed.</summary>
    Applied,

    /// <summary>The user set a threshold through glibc's environment variables; theirs stands.</summary>
    LeftToUser,

    /// <summary>Not a glibc process: nothing to do.</summary>
    NotGlibc,

    /// <summary>glibc refused a value.</summary>
    Refused,
}
