namespace Polca.Actors;

/// <summary>PipeTo: sends the outcome of a task to an actor when it completes.</summary>
public static class PipeToSupport
{
    /// <summary>Sends the task's result (or <see cref="Status.Failure"/>) to <paramref name="recipient"/>, optionally mapped.</summary>
    public static Task PipeTo<T>(this Task<T> task, ICanTell recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                var result = success is null ? (object?)t.Result : success(t.Result);
                if (result is not null) recipient.Tell(result, sender);
            }
            else
            {
                var cause = t.IsCanceled ? new TaskCanceledException(t) : t.Exception!.InnerExceptions.Count == 1 ? t.Exception.InnerException! : t.Exception;
                recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Sends <see cref="Status.Success"/> (or the mapped message) when the task completes, or <see cref="Status.Failure"/>.</summary>
    public static Task PipeTo(this Task task, ICanTell recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) recipient.Tell(success is null ? new Status.Success(null) : success(), sender);
            else
            {
                var cause = t.IsCanceled ? new TaskCanceledException(t) : t.Exception!.InnerExceptions.Count == 1 ? t.Exception.InnerException! : t.Exception;
                recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
