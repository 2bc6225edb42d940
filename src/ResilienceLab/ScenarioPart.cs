using System.Text.Json.Nodes;

namespace ResilienceLab;

/// <summary>
/// One entry of a scenario built in code (a load simulation, a fault, a check), held in the very shape a scenario file
/// gives it, so a scenario built in code is read by the same reader as its JSON twin and builds the same model.
/// </summary>
public sealed class ScenarioPart
{
    internal ScenarioPart(JsonObject json) => Json = json;

    internal JsonObject Json { get; }

    /// <summary>The entry as it would stand in a scenario file.</summary>
    public override string ToString() => Json.ToJsonString();
}
