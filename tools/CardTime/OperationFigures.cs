using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CardFirmware.CardTime;

/// <summary>What the card executes for one named operation, as the device meter counted it.</summary>
public sealed record OperationFigure(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("il")] long Il,
    [property: JsonPropertyName("nativeCalls")] long NativeCalls,
    [property: JsonPropertyName("allocations")] long Allocations,
    [property: JsonPropertyName("allocatedBytes")] long AllocatedBytes);

/// <summary>
/// The meter's per-operation figures (<c>card-operations.json</c>, embedded), so that the
/// simulator can show estimated card time without running instrumented assemblies. Regenerate with
/// <see cref="RegenerateCommand"/> after a change to card code.
/// </summary>
public sealed class OperationFigures
{
    /// <summary>The command that rewrites <c>tools/CardTime/card-operations.json</c>.</summary>
    public const string RegenerateCommand = "dotnet run -c Release --project tools/DeviceMeter -- --update-figures";

    /// <summary>Creates the table.</summary>
    public OperationFigures(string source, IReadOnlyList<OperationFigure> operations)
    {
        Source = source;
        Operations = operations;
    }

    /// <summary>Which build and command produced the figures.</summary>
    [JsonPropertyName("source")]
    public string Source { get; }

    /// <summary>The operations.</summary>
    [JsonPropertyName("operations")]
    public IReadOnlyList<OperationFigure> Operations { get; }

    /// <summary>The figure of <paramref name="id"/>.</summary>
    public OperationFigure Get(string id) =>
        Operations.FirstOrDefault(o => o.Id == id) ?? throw new KeyNotFoundException($"No card figure for operation '{id}'; regenerate with: {RegenerateCommand}");

    /// <summary>The card time of one <paramref name="id"/> under <paramref name="costs"/>.</summary>
    public CardTimeEstimate Estimate(string id, CostTable costs)
    {
        var figure = Get(id);
        return costs.Estimate(figure.Il, figure.NativeCalls);
    }

    /// <summary>The table embedded in this assembly.</summary>
    public static OperationFigures Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("card-operations.json")
            ?? throw new InvalidOperationException("card-operations.json is not embedded.");
        return JsonSerializer.Deserialize<OperationFigures>(stream) ?? throw new InvalidDataException("Empty figure table.");
    }

    /// <summary>The table as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}
