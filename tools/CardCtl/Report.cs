using System.Text.Json;
using System.Text.Json.Nodes;

namespace CardFirmware.CardCtl;

/// <summary>
/// What one command tells its user, in text (one line per fact, as before) or with <c>--json</c> as one
/// JSON object on standard output: <c>{"command", "ok", "exitCode", ...the command's fields}</c>, or on
/// failure <c>{"command", "ok": false, "exitCode", "error", "status"?}</c>. Field names are stable and
/// documented in tools/CardCtl/README.md. Progress on slow steps goes to standard error in both modes,
/// so standard output stays one document.
/// </summary>
internal sealed class Report(string command, bool json, TextWriter output, TextWriter error)
{
    // Relaxed escaping: messages keep their `backticks` and <angle brackets> readable; the output is still valid JSON.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly JsonObject _fields = new();

    public bool Json => json;

    /// <summary>A fact: <paramref name="name"/> = <paramref name="value"/> in JSON, <paramref name="line"/> in text (null: JSON only).</summary>
    public void Field(string name, JsonNode? value, string? line)
    {
        _fields[name] = value;
        if (!json && line is not null)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>A line for people only (a QR code drawing, a note).</summary>
    public void Text(string line)
    {
        if (!json)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>An item appended to the JSON array <paramref name="name"/>, and <paramref name="line"/> in text.</summary>
    public void Item(string name, JsonNode item, string line)
    {
        if (_fields[name] is not JsonArray array)
        {
            _fields[name] = array = new JsonArray();
        }

        array.Add(item);
        Text(line);
    }

    /// <summary>A step in progress (standard error, both modes).</summary>
    public void Progress(string line) => error.WriteLine($"cardctl: {line}");

    /// <summary>Ends a command that ran to the end with <paramref name="exitCode"/>.</summary>
    public int Done(int exitCode)
    {
        if (json)
        {
            Write(exitCode == ExitCodes.Ok, exitCode, _fields);
        }

        return exitCode;
    }

    /// <summary>Ends a failed command: the message on standard error, and in JSON mode the error object on standard output.</summary>
    public int Fail(string message, int exitCode, string? status = null)
    {
        error.WriteLine($"cardctl: {message}");
        if (json)
        {
            var fields = new JsonObject { ["error"] = message };
            if (status is not null)
            {
                fields["status"] = status;
            }

            Write(false, exitCode, fields);
        }

        return exitCode;
    }

    private void Write(bool ok, int exitCode, JsonObject fields)
    {
        var document = new JsonObject { ["command"] = command, ["ok"] = ok, ["exitCode"] = exitCode };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            document[name] = value;
        }

        output.WriteLine(document.ToJsonString(Indented));
    }
}
