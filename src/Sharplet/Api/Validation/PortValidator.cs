namespace Sharplet.Api.Validation;

/// <summary>Container ports and the port references of probes and handlers (validateContainerPorts, ValidatePortNumOrName, checkHostPortConflicts).</summary>
internal static class PortValidator
{
    /// <summary>Protocols in the order upstream lists them (sorted).</summary>
    public static readonly string[] SupportedProtocols = [Protocol.Sctp, Protocol.Tcp, Protocol.Udp];

    public static void ValidateContainerPorts(List<ContainerPort>? ports, string path, PodValidationContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            var port = ports![i];
            var portPath = path.Index(i);
            if (!string.IsNullOrEmpty(port.Name))
            {
                var messages = FormatValidation.IsValidPortName(port.Name);
                if (messages.Count > 0)
                {
                    context.AddInvalid(portPath.Child("name"), port.Name, messages);
                }
                else if (!names.Add(port.Name))
                {
                    context.Add(FieldError.Duplicate(portPath.Child("name"), port.Name));
                }
            }

            if (port.Number == 0)
            {
                context.Add(FieldError.Required(portPath.Child("containerPort")));
            }
            else
            {
                AddPortNumErrors(portPath.Child("containerPort"), port.Number, context);
            }

            if (port.HostPort is { } hostPort and not 0)
            {
                AddPortNumErrors(portPath.Child("hostPort"), hostPort, context);
            }

            if (string.IsNullOrEmpty(port.Protocol))
            {
                context.Add(FieldError.Required(portPath.Child("protocol")));
            }
            else if (!SupportedProtocols.Contains(port.Protocol, StringComparer.Ordinal))
            {
                context.Add(FieldError.NotSupported(portPath.Child("protocol"), port.Protocol, SupportedProtocols));
            }
        }
    }

    /// <summary>A port by number (1-65535) or by name (an IANA_SVC_NAME).</summary>
    public static void ValidatePortNumOrName(IntOrString port, string path, PodValidationContext context)
    {
        if (port.IsString)
        {
            context.AddInvalid(path, port.StringValue, FormatValidation.IsValidPortName(port.StringValue));
        }
        else
        {
            AddPortNumErrors(path, port.IntValue, context);
        }
    }

    /// <summary>
    /// AccumulateUniqueHostPorts: the same protocol, host IP and host port may be claimed only once
    /// among <paramref name="containers"/>, which are numbered from 0 under <paramref name="path"/>.
    /// </summary>
    public static void CheckHostPortConflicts(IReadOnlyList<Container> containers, string path, PodValidationContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < containers.Count; c++)
        {
            var ports = containers[c].Ports ?? [];
            for (var p = 0; p < ports.Count; p++)
            {
                var port = ports[p];
                if (port.HostPort is null or 0)
                {
                    continue;
                }

                var key = $"{port.Protocol}/{port.HostIP}/{port.HostPort}";
                if (!seen.Add(key))
                {
                    context.Add(FieldError.Duplicate(path.Index(c).Child("ports").Index(p).Child("hostPort"), key));
                }
            }
        }
    }

    private static void AddPortNumErrors(string path, long port, PodValidationContext context)
    {
        foreach (var message in FormatValidation.IsValidPortNum(port))
        {
            context.Add(FieldError.Invalid(path, port, message));
        }
    }
}
