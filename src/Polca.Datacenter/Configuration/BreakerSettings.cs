using Polca.Datacenter.Power;

namespace Polca.Datacenter;

/// <summary>The row breaker: rating as a fraction of the budget, trip curve, automatic reset delay (zero: never), cooling constant.</summary>
public sealed record BreakerSettings(double RatingFraction, IReadOnlyList<TripCurvePoint> TripCurve, TimeSpan ResetAfter, TimeSpan CoolingTimeConstant);
