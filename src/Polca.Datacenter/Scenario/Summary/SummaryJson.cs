using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Polca.Datacenter.Scenario.Summary;

/// <summary>
/// Reads and writes summary.json: indented JSON with the names fixed by <see cref="RunSummary"/>'s attributes. Writing goes
/// through a temporary file moved into place; reading turns every problem into an <see cref="InputFileException"/>.
/// </summary>
public static class SummaryJson
{
    /// <summary>The name of the summary in a run's output folder.</summary>
    public const string FileName = "summary.json";

    private const string TypePrefix = "Polca.Datacenter.Scenario.Summary.";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        AllowDuplicateProperties = false,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Writes <paramref name="summary"/> to <paramref name="path"/> (creating its folder); throws <see cref="ArgumentException"/> for a NaN or infinite figure.</summary>
    public static void Write(string path, RunSummary summary)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(summary);
        var text = Serialize(summary);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
            writer.Write(text);
            writer.Write('\n');
        });
    }

    /// <summary>The summary as indented JSON text, as <see cref="Write"/> stores it (without the final newline).</summary>
    public static string Serialize(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return JsonSerializer.Serialize(summary, Options);
    }

    /// <summary>
    /// Reads the summary at <paramref name="path"/>; a missing or unreadable file, malformed JSON, a missing required field,
    /// a null or a value of the wrong type raises an <see cref="InputFileException"/> naming the file and, where known, the line.
    /// </summary>
    public static RunSummary Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputFileException(path, 0, "expected a run summary (summary.json), found no file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, 0, $"cannot be read: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses summary JSON <paramref name="text"/>; errors name <paramref name="file"/>.</summary>
    public static RunSummary Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return JsonSerializer.Deserialize<RunSummary>(text, Options)
                ?? throw new InputFileException(file, 1, "expected a run summary (a JSON object), found null");
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } zeroBased ? (int)Math.Min(zeroBased + 1, int.MaxValue) : 0;
            throw new InputFileException(file, line, Describe(e), e);
        }
    }

    /// <summary>System.Text.Json's message without its position suffix and type namespaces, plus the JSON path at fault.</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var suffix = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (suffix >= 0) message = message[..suffix];
        var advice = message.IndexOf(" Consider ", StringComparison.Ordinal); // advice to the programmer, not to the user
        if (advice >= 0) message = message[..advice];
        message = message.Replace(TypePrefix, "", StringComparison.Ordinal).TrimEnd();
        var at = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" (at {e.Path})";
        return $"not a valid run summary: {message}{at}";
    }
}
