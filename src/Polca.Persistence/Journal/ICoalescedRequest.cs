namespace Polca.Persistence;

/// <summary>A request served in a batch by a <see cref="RequestCoalescer{TRequest}"/>, completed once its batch is done.</summary>
internal interface ICoalescedRequest
{
    /// <summary>Completes the request: with its own outcome, or with <paramref name="batchFailure"/> when the whole batch failed.</summary>
    void Finish(Exception? batchFailure);
}
