namespace Sharplet.Api.Validation;

/// <summary>The pod spec lists that steer placement and name resolution: dnsConfig, hostAliases, tolerations, readiness and scheduling gates.</summary>
internal static class PodSchedulingValidator
{
    public const int MaxDnsNameservers = 3;
    public const int MaxDnsSearchPaths = 32;
    public const int MaxDnsSearchListChars = 2048;

    private static readonly string[] TolerationOperators = [TolerationOperator.Equal, TolerationOperator.Exists];

    private static readonly string[] TaintEffects = [TaintEffect.NoSchedule, TaintEffect.PreferNoSchedule, TaintEffect.NoExecute];

    public static void ValidateDnsConfig(PodDNSConfig? config, string? dnsPolicy, string path, PodValidationContext context)
    {
        if (dnsPolicy == DNSPolicy.None)
        {
            if (config is null)
            {
                context.Add(FieldError.Required(path, "must provide `dnsConfig` when `dnsPolicy` is None"));
                return;
            }

            if (config.Nameservers is not { Count: > 0 })
            {
                context.Add(FieldError.Required(path.Child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"));
                return;
            }
        }

        if (config is null)
        {
            return;
        }

        var nameservers = config.Nameservers ?? [];
        if (nameservers.Count > MaxDnsNameservers)
        {
            context.Add(FieldError.InvalidLiteral(path.Child("nameservers"), "[" + string.Join(" ", nameservers) + "]",
                $"must not have more than {MaxDnsNameservers} nameservers"));
        }

        for (var i = 0; i < nameservers.Count; i++)
        {
            ValidateIp(nameservers[i], path.Child("nameservers").Index(i), context);
        }

        var searches = config.Searches ?? [];
        if (searches.Count > MaxDnsSearchPaths)
        {
            context.Add(FieldError.InvalidLiteral(path.Child("searches"), "[" + string.Join(" ", searches) + "]",
                $"must not have more than {MaxDnsSearchPaths} search paths"));
        }

        if (string.Join(" ", searches).Length > MaxDnsSearchListChars)
        {
            context.Add(FieldError.InvalidLiteral(path.Child("searches"), "[" + string.Join(" ", searches) + "]",
                $"must not have more than {MaxDnsSearchListChars} characters (including spaces) in the search list"));
        }

        for (var i = 0; i < searches.Count; i++)
        {
            // RelaxedDNSSearchValidation: "." alone is allowed, and so are underscores.
            if (searches[i] != ".")
            {
                var search = searches[i].EndsWith('.') ? searches[i][..^1] : searches[i];
                context.AddInvalid(path.Child("searches").Index(i), search, NameValidation.IsDNS1123SubdomainWithUnderscore(search));
            }
        }

        var options = config.Options ?? [];
        for (var i = 0; i < options.Count; i++)
        {
            if (string.IsNullOrEmpty(options[i].Name))
            {
                context.Add(FieldError.Required(path.Child("options").Index(i), "must not be empty"));
            }
        }
    }

    public static void ValidateHostAliases(List<HostAlias>? aliases, string path, PodValidationContext context)
    {
        for (var i = 0; i < (aliases?.Count ?? 0); i++)
        {
            ValidateIp(aliases![i].IP, path.Index(i).Child("ip"), context);
            var hostnames = aliases[i].Hostnames ?? [];
            for (var h = 0; h < hostnames.Count; h++)
            {
                context.AddInvalid(path.Index(i).Child("hostnames").Index(h), hostnames[h], NameValidation.IsDNS1123Subdomain(hostnames[h]));
            }
        }
    }

    public static void ValidateTolerations(List<Toleration>? tolerations, string path, PodValidationContext context)
    {
        for (var i = 0; i < (tolerations?.Count ?? 0); i++)
        {
            var toleration = tolerations![i];
            var tolerationPath = path.Index(i);
            var key = toleration.Key ?? string.Empty;
            var op = toleration.Operator ?? string.Empty;
            if (key.Length > 0)
            {
                context.AddInvalid(tolerationPath.Child("key"), key, NameValidation.IsQualifiedName(key));
            }

            // An empty key with Exists matches every taint.
            if (key.Length == 0 && op != TolerationOperator.Exists)
            {
                context.Add(FieldError.Invalid(tolerationPath.Child("operator"), op,
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }

            if (toleration.TolerationSeconds is not null && toleration.Effect != TaintEffect.NoExecute)
            {
                context.Add(FieldError.Invalid(tolerationPath.Child("effect"), toleration.Effect ?? string.Empty,
                    "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }

            var value = toleration.Value ?? string.Empty;
            switch (op)
            {
                case TolerationOperator.Equal or "":
                    var messages = NameValidation.IsValidLabelValue(value);
                    if (messages.Count > 0)
                    {
                        context.Add(FieldError.Invalid(tolerationPath.Child("operator"), value, string.Join(";", messages)));
                    }

                    break;
                case TolerationOperator.Exists:
                    if (value.Length > 0)
                    {
                        context.Add(FieldError.Invalid(tolerationPath.Child("operator"), value, "value must be empty when `operator` is 'Exists'"));
                    }

                    break;
                default:
                    context.Add(FieldError.NotSupported(tolerationPath.Child("operator"), op, TolerationOperators));
                    break;
            }

            if (!string.IsNullOrEmpty(toleration.Effect) && !TaintEffects.Contains(toleration.Effect, StringComparer.Ordinal))
            {
                context.Add(FieldError.NotSupported(tolerationPath.Child("effect"), toleration.Effect, TaintEffects));
            }
        }
    }

    public static void ValidateReadinessGates(List<PodReadinessGate>? gates, string path, PodValidationContext context)
    {
        for (var i = 0; i < (gates?.Count ?? 0); i++)
        {
            context.AddInvalid(path.Index(i).Child("conditionType"), gates![i].ConditionType, NameValidation.IsQualifiedName(gates[i].ConditionType));
        }
    }

    public static void ValidateSchedulingGates(List<PodSchedulingGate>? gates, string path, PodValidationContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (gates?.Count ?? 0); i++)
        {
            context.AddInvalid(path.Index(i), gates![i].Name, NameValidation.IsQualifiedName(gates[i].Name));
            if (!seen.Add(gates[i].Name))
            {
                context.Add(FieldError.Duplicate(path.Index(i), gates[i].Name));
            }
        }
    }

    private static void ValidateIp(string value, string path, PodValidationContext context)
    {
        if (!FormatValidation.IsValidIP(value))
        {
            context.Add(FieldError.Invalid(path, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        }
    }
}
