using Polca.Datacenter.Scenario;
using Polca.Datacenter.Telemetry;

namespace Polca.Datacenter.Tests.Outputs;

/// <summary>timeseries.csv: round trips, the file's shape, the streaming writer's temp-file-then-move, and line-numbered errors.</summary>
public sealed class TimeseriesCsvSpec : IDisposable
{
    private static readonly TimeseriesRow[] Rows =
    [
        new(1, "row-a", 35_123.4, 35_200.0, 40_000.0, 0, 0, 0),
        new(1, "row, \"b\"", 12.5, 0.0, 20_000.0, 3, 1, 0),
        new(2, "row-a", 41_000.1, 40_999.9, 40_000.0, 7, 2, 10),
        new(86_400, "row-a", 0.0, 0.1, 40_000.0, 0, 0, 0),
    ];

    private readonly TempFolder _folder = new();

    /// <summary>Deletes the test's folder.</summary>
    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Round_trips_rows_whose_powers_have_one_decimal()
    {
        var path = _folder.File(TimeseriesCsv.FileName);
        TimeseriesCsv.Write(path, Rows);
        Assert.Equal(Rows, TimeseriesCsv.Read(path));
    }

    [Fact]
    public void Writes_the_header_and_invariant_powers_rounded_to_one_decimal()
    {
        var path = _folder.File(TimeseriesCsv.FileName);
        TimeseriesCsv.Write(path, [new TimeseriesRow(7, "r1", 1234.56, 999.94, 40000, 1, 2, 3), new TimeseriesRow(8, "r1", 0, 1e6 / 3, 40000.06, 0, 0, 0)]);
        var lines = File.ReadAllText(path).Split('\n');

        Assert.Equal(
        [
            "time_s,row,true_power_w,sensed_power_w,budget_w,capped_servers_low,capped_servers_high,braked_servers",
            "7,r1,1234.6,999.9,40000.0,1,2,3",
            "8,r1,0.0,333333.3,40000.1,0,0,0",
            "",
        ], lines);
    }

    [Fact]
    public void Quotes_row_names_with_commas_or_quotes_and_refuses_line_breaks()
    {
        Assert.Equal("1,\"row, \"\"b\"\"\",12.5,0.0,20000.0,3,1,0", TimeseriesCsv.FormatLine(Rows[1]));
        Assert.Throws<ArgumentException>(() => TimeseriesCsv.FormatLine(Rows[0] with { Row = "a\nb" }));
        Assert.Throws<ArgumentException>(() => TimeseriesCsv.FormatLine(Rows[0] with { Row = "" }));
    }

    [Fact]
    public void Refuses_values_the_file_cannot_hold()
    {
        Assert.Throws<ArgumentException>(() => TimeseriesCsv.FormatLine(Rows[0] with { TruePowerW = double.NaN }));
        Assert.Throws<ArgumentException>(() => TimeseriesCsv.FormatLine(Rows[0] with { BudgetW = double.PositiveInfinity }));
        Assert.Throws<ArgumentException>(() => TimeseriesCsv.FormatLine(Rows[0] with { CappedServersLow = -1 }));
        Assert.Throws<ArgumentException>(() => TimeseriesCsv.FormatLine(Rows[0] with { TimeS = -1 }));
    }

    [Fact]
    public void The_streaming_writer_shows_the_file_only_once_complete()
    {
        var path = _folder.File(TimeseriesCsv.FileName);
        using (var writer = new TimeseriesCsvWriter(path))
        {
            writer.Append(Rows[0]);
            writer.Append(Rows[2]);
            Assert.False(File.Exists(path));
            Assert.Equal(2, writer.RowsWritten);
            writer.Complete();
            Assert.Throws<InvalidOperationException>(() => writer.Append(Rows[3]));
        }

        Assert.Equal([TimeseriesCsv.FileName], _folder.Files());
        Assert.Equal([Rows[0], Rows[2]], TimeseriesCsv.Read(path));
    }

    [Fact]
    public void A_writer_disposed_before_completing_leaves_the_old_file_and_no_temporary_file()
    {
        var path = _folder.File(TimeseriesCsv.FileName);
        TimeseriesCsv.Write(path, [Rows[0]]);
        using (var writer = new TimeseriesCsvWriter(path))
        {
            writer.Append(Rows[2]);
            writer.Append(Rows[3]);
        }

        Assert.Equal([TimeseriesCsv.FileName], _folder.Files());
        Assert.Equal([Rows[0]], TimeseriesCsv.Read(path));
    }

    [Fact]
    public void Write_with_a_bad_row_leaves_nothing_behind()
    {
        var path = _folder.File(TimeseriesCsv.FileName);
        Assert.Throws<ArgumentException>(() => TimeseriesCsv.Write(path, [Rows[0], Rows[1] with { SensedPowerW = double.NaN }]));
        Assert.Empty(_folder.Files());
    }

    [Fact]
    public void Reads_an_empty_series_and_skips_blank_lines()
    {
        var path = _folder.File(TimeseriesCsv.FileName);
        TimeseriesCsv.Write(path, []);
        Assert.Empty(TimeseriesCsv.Read(path));

        File.WriteAllText(path, TimeseriesCsv.Header + "\r\n\r\n1,r,1.0,2.0,3.0,0,0,0\r\n\r\n");
        Assert.Equal([new TimeseriesRow(1, "r", 1, 2, 3, 0, 0, 0)], TimeseriesCsv.Read(path));
    }

    [Fact]
    public void A_missing_file_is_an_input_error_naming_the_file()
    {
        var path = _folder.File("missing.csv");
        var e = Assert.Throws<InputFileException>(() => TimeseriesCsv.Read(path));
        Assert.Equal(path, e.File);
        Assert.Equal(0, e.Line);
    }

    [Theory]
    [InlineData("", 1, "header")]
    [InlineData("time,row,power\n", 1, "header")]
    [InlineData("HEADER\n1,r,1.0,2.0,3.0,0,0,0\n2,r,1.0,x,3.0,0,0,0\n", 3, "column sensed_power_w: expected a finite number of watts, found \"x\"")]
    [InlineData("HEADER\n1,r,1.0,2.0,3.0,0,0,0\n\n2,r,1.0,2.0,NaN,0,0,0\n", 4, "column budget_w")]
    [InlineData("HEADER\n1,r,1.0,2.0,3.0,0,0\n", 2, "expected 8 fields")]
    [InlineData("HEADER\n1,r,1.0,2.0,3.0,0,0,0,9\n", 2, "expected 8 fields")]
    [InlineData("HEADER\n1.5,r,1.0,2.0,3.0,0,0,0\n", 2, "column time_s")]
    [InlineData("HEADER\n-1,r,1.0,2.0,3.0,0,0,0\n", 2, "column time_s")]
    [InlineData("HEADER\n1,r,1.0,2.0,3.0,-2,0,0\n", 2, "column capped_servers_low")]
    [InlineData("HEADER\n1,r,1.0,2.0,3.0,0,0,2.5\n", 2, "column braked_servers")]
    [InlineData("HEADER\n1,,1.0,2.0,3.0,0,0,0\n", 2, "column row")]
    [InlineData("HEADER\n1,\"r,1.0,2.0,3.0,0,0,0\n", 2, "closing double quote")]
    [InlineData("HEADER\n1,\"r\"x,1.0,2.0,3.0,0,0,0\n", 2, "expected a comma")]
    public void Corrupt_files_are_reported_with_file_line_and_reason(string content, int line, string reason)
    {
        var path = _folder.File(TimeseriesCsv.FileName);
        File.WriteAllText(path, content.Replace("HEADER", TimeseriesCsv.Header, StringComparison.Ordinal));

        var e = Assert.Throws<InputFileException>(() => TimeseriesCsv.Read(path));

        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"{path}:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }
}
