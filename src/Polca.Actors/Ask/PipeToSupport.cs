namespace Polca.Actors;

/// <summary>PipeTo: sends the outcome of a task to an actor when it completes.</summary>
public static class PipeToSupport
{
    /// <summary>Sends the task's result (or <see cref="Status.Failure"/>) to <paramref name="recipient"/>, optionally mapped.</summary>
    public static Task PipeTo<T>(this Task<T> task, ICanTell recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        return Pipe(task, t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                var result = success is null ? (object?)t.Result : success(t.Result);
                if (result is not null) recipient.Tell(result, sender);
            }
            else
            {
                recipient.Tell(failure is null ? new Status.Failure(CauseOf(t)) : failure(CauseOf(t)), sender);
            }
        });
    }

    /// <summary>Sends <see cref="Status.Success"/> (or the mapped message) when the task completes, or <see cref="Status.Failure"/>.</summary>
    public static Task PipeTo(this Task task, ICanTell recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        return Pipe(task, t =>
        {
            if (t.IsCompletedSuccessfully) recipient.Tell(success is null ? new Status.Success(null) : success(), sender);
            else recipient.Tell(failure is null ? new Status.Failure(CauseOf(t)) : failure(CauseOf(t)), sender);
        });
    }

    private static Exception CauseOf(Task t) =>
        t.IsCanceled ? new TaskCanceledException(t) : t.Exception!.InnerExceptions.Count == 1 ? t.Exception.InnerException! : t.Exception;

    /// <summary>
    /// Runs <paramref name="deliver"/> once <paramref name="task"/> completes. The outcome of an Ask is piped synchronously
    /// where the Ask completes (inside the replying actor, or in the scheduler on timeout), so that under virtual time the
    /// piped message is queued before the system can look idle; any other task is piped by a continuation.
    /// </summary>
    private static Task Pipe<TTask>(TTask task, Action<TTask> deliver) where TTask : Task
    {
        if (!task.IsCompleted)
        {
            var piped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Futures.WhenAskCompleted(task, () =>
                {
                    try
                    {
                        deliver(task);
                        piped.TrySetResult();
                    }
                    catch (Exception e)
                    {
                        piped.TrySetException(e);
                    }
                }))
                return piped.Task;
        }
        return task.ContinueWith(t => deliver((TTask)t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
