using Polca.Datacenter.Power;
using Xunit.Abstractions;

namespace Polca.Datacenter.Tests.Models;

/// <summary>Exact piecewise-constant power sums up the power tree, including changes that reach the parent late.</summary>
public sealed class PowerAccountingSpec(ITestOutputHelper output)
{
    [Fact]
    public void Integrates_the_power_in_force_up_to_each_change()
    {
        long mw = 0, last = 0;
        Int128 energy = 0;
        PowerAccounting.Apply(ref mw, ref energy, ref last, new PowerChanged(1000, 10));
        PowerAccounting.Apply(ref mw, ref energy, ref last, new PowerChanged(500, 30));
        Assert.Equal(1500, mw);
        Assert.Equal(30, last);
        Assert.Equal((Int128)(1000 * 20), energy);

        PowerAccounting.IntegrateTo(mw, ref energy, ref last, 40);
        Assert.Equal((Int128)(1000 * 20 + 1500 * 10), energy);
        Assert.Equal(40, last);

        PowerAccounting.IntegrateTo(mw, ref energy, ref last, 35); // never backwards
        Assert.Equal((Int128)(1000 * 20 + 1500 * 10), energy);
        Assert.Equal(40, last);
    }

    [Fact]
    public void A_late_change_is_booked_retroactively_from_its_time()
    {
        long mw = 2000, last = 100;
        Int128 energy = 0;
        PowerAccounting.Apply(ref mw, ref energy, ref last, new PowerChanged(-500, 40)); // it happened at 40; we are at 100
        Assert.Equal(1500, mw);
        Assert.Equal(100, last);
        Assert.Equal((Int128)(-500 * 60), energy);
        PowerAccounting.IntegrateTo(mw, ref energy, ref last, 200);
        Assert.Equal((Int128)(-500 * 60 + 1500 * 100), energy);
    }

    [Fact]
    public void Energy_is_exact_even_for_very_long_high_power_runs()
    {
        long mw = 0, last = 0;
        Int128 energy = 0;
        PowerAccounting.Apply(ref mw, ref energy, ref last, new PowerChanged(long.MaxValue / 4, 0));
        PowerAccounting.IntegrateTo(mw, ref energy, ref last, long.MaxValue / 2);
        Assert.Equal((Int128)(long.MaxValue / 4) * (long.MaxValue / 2), energy);
    }

    // Two children change power in order; the parent gets their changes in a shuffled order, some after it has integrated
    // past them, and still ends with exactly the sum of their energies.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_parent_with_late_changes_keeps_exactly_the_sum_of_its_childrens_energy(int seed)
    {
        var random = new Random(seed);
        var children = new[] { new Child(), new Child() };
        var messages = new List<PowerChanged>();
        foreach (var child in children)
        {
            var t = 0L;
            for (var i = 0; i < 400; i++)
            {
                t += random.Next(1, 2_000_000);
                messages.Add(child.Set(random.Next(0, 10_000_000), t));
            }
        }

        // In time order, then some delayed: moved up to 40 places later (delivered after newer changes and ticks).
        messages.Sort((a, b) => a.AtTicks.CompareTo(b.AtTicks));
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (random.NextDouble() >= 0.2) continue;
            var m = messages[i];
            messages.RemoveAt(i);
            messages.Insert(Math.Min(messages.Count, i + random.Next(1, 40)), m);
        }

        long mw = 0, last = 0, seen = 0;
        Int128 energy = 0;
        var late = 0;
        foreach (var m in messages)
        {
            if (m.AtTicks < last) late++;
            PowerAccounting.Apply(ref mw, ref energy, ref last, m);
            seen = Math.Max(seen, m.AtTicks);

            // The parent's own clock ticks (a second tick, a report) integrate it up to now, ahead of changes in flight.
            if (random.Next(4) == 0) PowerAccounting.IntegrateTo(mw, ref energy, ref last, seen + random.Next(0, 5_000_000));
        }

        var end = Math.Max(last, messages.Max(m => m.AtTicks)) + 1_000_000;
        PowerAccounting.IntegrateTo(mw, ref energy, ref last, end);

        Assert.True(late > 50, $"only {late} late changes: the test would not exercise the retroactive path");
        Assert.Equal(children.Sum(c => c.Milliwatts), mw);
        Assert.Equal(children[0].EnergyTo(end) + children[1].EnergyTo(end), energy);
        output.WriteLine($"seed {seed}: {messages.Count} changes, {late} delivered late, {EnergyKwh(energy):F6} kWh");
    }

    private static double EnergyKwh(Int128 milliwattTicks) => (double)milliwattTicks / 1000 / TimeSpan.TicksPerSecond / 3.6e6;

    // A child's power history, integrated independently of PowerAccounting.
    private sealed class Child
    {
        private readonly List<(long At, long Mw)> _steps = [];

        public long Milliwatts => _steps.Count == 0 ? 0 : _steps[^1].Mw;

        public PowerChanged Set(long mw, long at)
        {
            var delta = mw - Milliwatts;
            _steps.Add((at, mw));
            return new PowerChanged(delta, at);
        }

        public Int128 EnergyTo(long end)
        {
            Int128 energy = 0;
            for (var i = 0; i < _steps.Count; i++)
            {
                var until = i + 1 < _steps.Count ? _steps[i + 1].At : end;
                energy += (Int128)_steps[i].Mw * (until - _steps[i].At);
            }

            return energy;
        }
    }
}
