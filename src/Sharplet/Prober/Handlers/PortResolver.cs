using System.Globalization;
using Sharplet.Api;
using Container = Sharplet.Api.Container;

namespace Sharplet.Prober.Handlers;

// Probe and hook ports (upstream probe.ResolveContainerPort): a number, or the name of one of the container's
// ports, or a number written as a string. The errors are upstream's words, because they reach events.
internal static class PortResolver
{
    public static int Resolve(IntOrString port, Container container)
    {
        int number;
        if (!port.IsString)
        {
            number = port.IntValue;
        }
        else if (container.Ports?.FirstOrDefault(p => p.Name == port.StringValue) is { } named)
        {
            number = named.Number;
        }
        else if (!int.TryParse(port.StringValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            throw new PortResolutionException($"strconv.Atoi: parsing {Util.GoQuote.Quote(port.StringValue)}: invalid syntax");
        }

        return number is > 0 and < 65536 ? number : throw new PortResolutionException($"invalid port number: {number}");
    }
}
