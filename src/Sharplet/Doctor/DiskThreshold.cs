using System.Globalization;
using Sharplet.Api;
using Sharplet.Util;

namespace Sharplet.Doctor;

// The doctor's reading of one evictionHard entry, "memory.available": "100Mi" or "nodefs.available": "10%". A signal is under pressure
// when what is available drops below the threshold (upstream's LessThan operator).
internal sealed record DiskThreshold(string Signal, long? Amount, double? Percentage)
{
    public static IReadOnlyList<DiskThreshold> Parse(IReadOnlyDictionary<string, string> evictionHard)
    {
        ArgumentNullException.ThrowIfNull(evictionHard);
        var result = new List<DiskThreshold>();
        foreach (var (signal, text) in evictionHard)
        {
            var value = text.Trim();
            if (value.EndsWith('%'))
            {
                if (!double.TryParse(value.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || percent < 0 || percent > 100)
                {
                    throw new ConfigException($"evictionHard {signal}: \"{text}\" is not a percentage between 0% and 100%");
                }

                result.Add(new DiskThreshold(signal, null, percent));
            }
            else
            {
                result.Add(Quantity.TryParse(value, out var quantity) && quantity.Sign >= 0
                    ? new DiskThreshold(signal, quantity.Value(), null)
                    : throw new ConfigException($"evictionHard {signal}: \"{text}\" is not a quantity or a percentage"));
            }
        }

        return result;
    }

    public bool IsCrossed(long available, long capacity) =>
        available < (Amount ?? (long)(capacity * Percentage!.Value / 100));
}
