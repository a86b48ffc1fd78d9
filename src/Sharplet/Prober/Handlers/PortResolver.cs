using Sharplet.Api;
using Container = Sharplet.Api.Container;

namespace Sharplet.Prober.Handlers;

// Probe and hook ports are a number or the name of one of the container's ports (upstream findPortByName).
internal static class PortResolver
{
    public static int Resolve(IntOrString port, Container container)
    {
        if (!port.IsString)
        {
            return port.IntValue;
        }

        if (int.TryParse(port.StringValue, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var named = container.Ports?.FirstOrDefault(p => p.Name == port.StringValue);
        return named?.Number ?? throw new InvalidOperationException($"couldn't find port \"{port.StringValue}\" in container \"{container.Name}\"");
    }
}
