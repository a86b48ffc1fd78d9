using System.Numerics;

namespace Sharplet.Api.Defaulting;

/// <summary>Upstream's SetDefaults_ResourceList: quantities finer than a milli-unit are rounded up to one.</summary>
internal static class ResourceListDefaults
{
    private const int MilliScale = -3;

    public static void RoundUpToMilli(Dictionary<string, Quantity>? resources)
    {
        if (resources is null)
        {
            return;
        }

        foreach (var (name, quantity) in resources.ToList())
        {
            if (quantity.Scale < MilliScale)
            {
                resources[name] = RoundUp(quantity);
            }
        }
    }

    // Quantity.RoundUp(-3): rescale to thousandths, rounding away from zero, and drop the
    // original spelling so the value prints canonically.
    private static Quantity RoundUp(Quantity quantity)
    {
        var divisor = BigInteger.Pow(10, MilliScale - quantity.Scale);
        var magnitude = BigInteger.DivRem(BigInteger.Abs(quantity.Unscaled), divisor, out var remainder);
        if (!remainder.IsZero)
        {
            magnitude += 1;
        }

        return new Quantity(magnitude * quantity.Unscaled.Sign, MilliScale, quantity.Format);
    }
}
