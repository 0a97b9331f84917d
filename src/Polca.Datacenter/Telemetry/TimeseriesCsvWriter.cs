using System.Text;
using Polca.Datacenter.Scenario;

namespace Polca.Datacenter.Telemetry;

/// <summary>
/// Writes timeseries.csv while a run goes on: rows go to a hidden temporary file next to the target, which
/// <see cref="Complete"/> moves into place; disposing without completing deletes it. Not thread-safe.
/// </summary>
public sealed class TimeseriesCsvWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly StreamWriter _writer;
    private readonly string _temporaryPath;
    private bool _closed;

    /// <summary>Creates the folder of <paramref name="path"/> and starts a temporary file holding the header.</summary>
    public TimeseriesCsvWriter(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _stream = AtomicFile.CreateTemporary(Path, out _temporaryPath);
        _writer = new StreamWriter(_stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        _writer.WriteLine(TimeseriesCsv.Header);
    }

    /// <summary>The file that <see cref="Complete"/> creates or replaces.</summary>
    public string Path { get; }

    /// <summary>Rows appended so far.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Appends one row; throws <see cref="ArgumentException"/> for a value the file cannot hold.</summary>
    public void Append(TimeseriesRow row)
    {
        ThrowIfClosed();
        _writer.WriteLine(TimeseriesCsv.FormatLine(row));
        RowsWritten++;
    }

    /// <summary>Flushes the rows to disk and moves the file into place at <see cref="Path"/>; no row can be appended afterwards.</summary>
    public void Complete()
    {
        ThrowIfClosed();
        _closed = true;
        try
        {
            _writer.Flush();
            _writer.Dispose();
        }
        catch
        {
            _stream.Dispose();
            AtomicFile.TryDelete(_temporaryPath);
            throw;
        }

        AtomicFile.Commit(_stream, _temporaryPath, Path);
    }

    /// <summary>Closes the writer; when <see cref="Complete"/> was not called, the temporary file is deleted and <see cref="Path"/> is untouched.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            _writer.Dispose();
        }
        catch (IOException)
        {
            // The rows are discarded anyway.
        }
        finally
        {
            _stream.Dispose();
            AtomicFile.TryDelete(_temporaryPath);
        }
    }

    private void ThrowIfClosed()
    {
        if (_closed) throw new InvalidOperationException($"the writer of {Path} is closed (completed or disposed)");
    }
}
