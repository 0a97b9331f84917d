using Polca.Actors.Event;

namespace Polca.Actors.Loggers;

/// <summary>Logs dead letters at INFO, at most a set number per interval of emulated time, and summarises the ones it suppressed.</summary>
internal sealed class DeadLetterListener : ActorBase
{
    private readonly int _maxPerInterval;
    private readonly TimeSpan _interval;
    private readonly ILoggingAdapter _log;
    private DateTimeOffset _windowStart;
    private int _logged;
    private int _suppressed;
    private bool _summaryScheduled;

    private sealed class Summarise
    {
        public static readonly Summarise Instance = new();
    }

    public DeadLetterListener(int maxPerInterval, TimeSpan interval)
    {
        _maxPerInterval = maxPerInterval;
        _interval = interval;
        _log = Context.GetLogger();
    }

    protected override void PreStart()
    {
        _windowStart = Context.System.Clock.Now;
        Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case DeadLetter letter:
                var now = Context.System.Clock.Now;
                if (now - _windowStart >= _interval) StartWindow(now);
                if (_logged < _maxPerInterval)
                {
                    _logged++;
                    _log.Info("Message [{0}] from {1} to {2} was not delivered ({3} of at most {4} logged per {5}).",
                        letter.Message.GetType().Name, letter.Sender, letter.Recipient, _logged, _maxPerInterval, _interval);
                }
                else
                {
                    _suppressed++;
                    if (!_summaryScheduled)
                    {
                        _summaryScheduled = true;
                        Context.System.Scheduler.ScheduleTellOnce(_windowStart + _interval - now, Self, Summarise.Instance, Self);
                    }
                }
                return true;
            case Summarise:
                _summaryScheduled = false;
                StartWindow(Context.System.Clock.Now);
                return true;
            default:
                return false;
        }
    }

    private void StartWindow(DateTimeOffset now)
    {
        if (_suppressed > 0) _log.Info("{0} more dead letters were not logged in the last {1}.", _suppressed, _interval);
        _windowStart = now;
        _logged = 0;
        _suppressed = 0;
    }
}
