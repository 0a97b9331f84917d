namespace Polca.Actors;

/// <summary>A cancellation handle to pass to the scheduler; one handle can cancel several scheduled items.</summary>
public sealed class Cancelable : ICancelable
{
    private readonly CancellationTokenSource _source = new();

    /// <inheritdoc />
    public void Cancel() => _source.Cancel();

    /// <inheritdoc />
    public bool IsCancellationRequested => _source.IsCancellationRequested;

    /// <summary>A token that is cancelled with this handle.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>A handle that is already cancelled.</summary>
    public static Cancelable CreateCanceled()
    {
        var c = new Cancelable();
        c.Cancel();
        return c;
    }
}
