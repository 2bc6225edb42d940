using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>
/// The windows checks judge, in whole seconds of the timeline: <c>run</c> (after warm-up), and around the stressed span
/// (the faults' first start to last end, or the scenario's stress window) <c>pre_fault</c>, <c>fault</c> and <c>post_fault</c>.
/// </summary>
public static class ReportWindows
{
    public const string Run = "run";
    public const string PreFault = "pre_fault";
    public const string Fault = "fault";
    public const string PostFault = "post_fault";

    public static readonly IReadOnlyList<string> All = [Run, PreFault, Fault, PostFault];

    /// <summary>The seconds [From, To) <paramref name="window"/> covers in a run of <paramref name="seconds"/> timeline seconds.</summary>
    public static (int From, int To) Bounds(string window, double warmUpS, int seconds, TimeWindow? stressed)
    {
        var from = Math.Min(seconds, (int)Math.Ceiling(warmUpS));
        var to = seconds;
        if (window == Run || stressed is null)
        {
            return (from, to);
        }

        var faultStart = Math.Clamp((int)Math.Floor(stressed.StartS), from, to);
        var faultEnd = Math.Clamp((int)Math.Ceiling(stressed.EndS), faultStart, to);
        return window switch
        {
            PreFault => (from, faultStart),
            Fault => (faultStart, faultEnd),
            PostFault => (faultEnd, to),
            _ => (from, to),
        };
    }

    /// <summary>The seconds a window covers in <paramref name="report"/>.</summary>
    public static (int From, int To) Bounds(RunReport report, string window)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Bounds(window, report.Run.WarmUpS, report.Timeline.Count, Stressed(report.Faults, report.StressWindow));
    }

    /// <summary>The faults' span (first start to last end, actual where known), or the stress window when there are no faults.</summary>
    public static TimeWindow? Stressed(IReadOnlyList<FaultReport> faults, TimeWindow? stressWindow)
    {
        ArgumentNullException.ThrowIfNull(faults);
        if (faults.Count > 0)
        {
            return new TimeWindow(faults.Min(f => f.ActualStartS ?? f.StartS), faults.Max(f => f.ActualEndS ?? f.EndS));
        }

        return stressWindow;
    }
}
