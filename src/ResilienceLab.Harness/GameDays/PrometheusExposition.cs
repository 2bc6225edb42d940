using System.Globalization;
using System.Text;

namespace ResilienceLab.Harness.GameDays;

/// <summary>Builds a Prometheus text exposition (format 0.0.4): each family's HELP and TYPE once, then its samples.</summary>
public sealed class PrometheusExposition
{
    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

    public PrometheusExposition Counter(string name, string help, double value, params (string Label, string Value)[] labels) =>
        Sample(name, "counter", help, value, labels);

    public PrometheusExposition Gauge(string name, string help, double value, params (string Label, string Value)[] labels) =>
        Sample(name, "gauge", help, value, labels);

    public override string ToString() => _text.ToString();

    private PrometheusExposition Sample(string name, string type, string help, double value, (string Label, string Value)[] labels)
    {
        if (_declared.Add(name))
        {
            _text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
                .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        }

        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Label}=\"{Escape(l.Value)}\"")).Append('}');
        }

        _text.Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Format(double value) => double.IsNaN(value) ? "NaN" : value.ToString("0.######", CultureInfo.InvariantCulture);
}
