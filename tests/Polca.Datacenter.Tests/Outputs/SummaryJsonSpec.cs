using System.Text.Json;
using Polca.Datacenter.Scenario;
using Polca.Datacenter.Scenario.Summary;

namespace Polca.Datacenter.Tests.Outputs;

/// <summary>summary.json: round trips, the file's shape, atomic writes, and errors that name the file and the line.</summary>
public sealed class SummaryJsonSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    /// <summary>Deletes the test's folder.</summary>
    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Round_trips_every_figure_with_and_without_an_slo()
    {
        foreach (var original in new[] { SampleSummary.Create(), SampleSummary.Create(slo: SampleSummary.PolcaSlo()) with { Pace = new PaceSummary { Target = 1.0, Achieved = 0.998, LagP99Ms = 12.5 } } })
        {
            var path = _folder.File("summary.json");
            SummaryJson.Write(path, original);
            var read = SummaryJson.Read(path);

            Assert.Equal(SummaryJson.Serialize(original), SummaryJson.Serialize(read));
            Assert.Equal(original.Power, read.Power);
            Assert.Equal(original.Requests.High, read.Requests.High);
            Assert.Equal(original.Slo, read.Slo);
            Assert.Equal(original.Pace, read.Pace);
            Assert.Equal(original.Requests.FailedByReason.OrderBy(p => p.Key), read.Requests.FailedByReason.OrderBy(p => p.Key));
        }
    }

    [Fact]
    public void Writes_indented_json_with_the_fixed_names_and_a_final_newline()
    {
        var path = _folder.File("summary.json");
        SummaryJson.Write(path, SampleSummary.Create("row <é> & co"));
        var text = File.ReadAllText(path);

        Assert.StartsWith("{\n  \"scenario\": \"row \\u003Cé\\u003E \\u0026 co\",\n  \"seed\": 42,", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Contains("\"peak_fraction\": 0.9591", text, StringComparison.Ordinal);
        Assert.Contains("\"capped_server_s_low\": 5400.5", text, StringComparison.Ordinal);
        Assert.Contains("\"throughput_rps_per_server\": 0.0641", text, StringComparison.Ordinal);
        Assert.Contains("\"slo\": null", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(520_000, document.RootElement.GetProperty("power").GetProperty("provisioned_w").GetDouble());
    }

    [Fact]
    public void Replaces_an_existing_file_and_leaves_no_temporary_file_behind()
    {
        var path = _folder.File("summary.json");
        File.WriteAllText(path, "old");
        SummaryJson.Write(path, SampleSummary.Create("new"));

        Assert.Equal(["summary.json"], _folder.Files());
        Assert.Equal("new", SummaryJson.Read(path).Scenario);
    }

    [Fact]
    public void Creates_the_output_folder()
    {
        var path = Path.Combine(_folder.Path, "run-1", "summary.json");
        SummaryJson.Write(path, SampleSummary.Create());
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void A_figure_json_cannot_hold_is_refused_and_the_old_file_survives()
    {
        var path = _folder.File("summary.json");
        SummaryJson.Write(path, SampleSummary.Create("kept"));
        var bad = SampleSummary.Create() with { Speedup = double.NaN };

        Assert.ThrowsAny<ArgumentException>(() => SummaryJson.Write(path, bad));
        Assert.Equal("kept", SummaryJson.Read(path).Scenario);
        Assert.Equal(["summary.json"], _folder.Files());
    }

    [Fact]
    public void A_missing_file_is_an_input_error_naming_the_file()
    {
        var path = _folder.File("nothing.json");
        var e = Assert.Throws<InputFileException>(() => SummaryJson.Read(path));

        Assert.Equal(path, e.File);
        Assert.Equal(0, e.Line);
        Assert.StartsWith($"{path}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("no file", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_reported_at_its_line()
    {
        var path = Written(text => text.Replace("\"seed\": 42,", "\"seed\": 42,,", StringComparison.Ordinal));
        var e = Assert.Throws<InputFileException>(() => SummaryJson.Read(path));

        Assert.Equal(3, e.Line);
        Assert.StartsWith($"{path}:3: not a valid run summary", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_is_an_input_error_with_a_line()
    {
        var path = Written(text => text[..(text.Length / 2)]);
        var e = Assert.Throws<InputFileException>(() => SummaryJson.Read(path));

        Assert.Equal(path, e.File);
        Assert.True(e.Line > 1, e.Message);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        var path = Written(text => RemoveLine(text, "\"energy_kwh\""));
        var e = Assert.Throws<InputFileException>(() => SummaryJson.Read(path));

        Assert.Contains("energy_kwh", e.Reason, StringComparison.Ordinal);
        Assert.Contains("PowerSummary", e.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Polca.Datacenter", e.Reason, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_at_its_line_and_path()
    {
        var path = Written(text => text.Replace("\"seed\": 42", "\"seed\": \"forty-two\"", StringComparison.Ordinal));
        var e = Assert.Throws<InputFileException>(() => SummaryJson.Read(path));

        Assert.Equal(3, e.Line);
        Assert.Contains("$.seed", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_where_an_object_is_required_is_refused()
    {
        var path = Written(text => ReplaceObject(text, "\"capping\""));
        var e = Assert.Throws<InputFileException>(() => SummaryJson.Read(path));

        Assert.Contains("capping", e.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.True(e.Line > 0, e.Message);
    }

    [Fact]
    public void Null_empty_and_non_object_documents_are_refused()
    {
        foreach (var text in new[] { "null", "", "[1, 2]", "{}" })
        {
            var path = _folder.File("summary.json");
            File.WriteAllText(path, text);
            var e = Assert.Throws<InputFileException>(() => SummaryJson.Read(path));
            Assert.Equal(path, e.File);
        }
    }

    [Fact]
    public void A_duplicated_field_is_refused()
    {
        var path = Written(text => text.Replace("\"seed\": 42,", "\"seed\": 42,\n  \"seed\": 43,", StringComparison.Ordinal));
        var e = Assert.Throws<InputFileException>(() => SummaryJson.Read(path));
        Assert.Contains("seed", e.Message, StringComparison.Ordinal);
    }

    private string Written(Func<string, string> corrupt)
    {
        var path = _folder.File("summary.json");
        SummaryJson.Write(path, SampleSummary.Create(slo: SampleSummary.PolcaSlo()));
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var changed = corrupt(text);
        Assert.NotEqual(text, changed);
        File.WriteAllText(path, changed);
        return path;
    }

    private static string RemoveLine(string text, string containing) =>
        string.Join("\n", text.Split('\n').Where(l => !l.Contains(containing, StringComparison.Ordinal)))
            .Replace(",\n  }", "\n  }", StringComparison.Ordinal);

    /// <summary>Replaces the object value of <paramref name="name"/> (a top-level property) with null.</summary>
    private static string ReplaceObject(string text, string name)
    {
        var start = text.IndexOf(name + ": {", StringComparison.Ordinal) + name.Length + 2;
        var end = text.IndexOf("\n  }", start, StringComparison.Ordinal) + 4;
        return text[..start] + "null" + text[end..];
    }
}
