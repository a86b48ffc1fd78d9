namespace Sharplet.Api.Validation;

/// <summary>Paths and file modes inside volumes: upstream's validateLocalDescendingPath, ValidateLocalNonReservedPath, validatePathNoBacksteps and the 0-0777 mode rule.</summary>
internal static class PathValidator
{
    public const string FileModeErrorMsg = "must be a number between 0 and 0777 (octal), both inclusive";

    /// <summary>validateLocalDescendingPath: relative, and no ".." element.</summary>
    public static void ValidateLocalDescendingPath(string target, string path, PodValidationContext context)
    {
        if (target.StartsWith('/'))
        {
            context.Add(FieldError.Invalid(path, target, "must be a relative path"));
        }

        ValidateNoBacksteps(target, path, context);
    }

    /// <summary>ValidateLocalNonReservedPath: a descending path that does not start with "..".</summary>
    public static void ValidateLocalNonReservedPath(string target, string path, PodValidationContext context)
    {
        ValidateLocalDescendingPath(target, path, context);
        if (target.StartsWith("..", StringComparison.Ordinal) && !target.StartsWith("../", StringComparison.Ordinal))
        {
            context.Add(FieldError.Invalid(path, target, "must not start with '..'"));
        }
    }

    public static void ValidateNoBacksteps(string target, string path, PodValidationContext context)
    {
        if (target.Split('/').Contains(".."))
        {
            context.Add(FieldError.Invalid(path, target, "must not contain '..'"));
        }
    }

    public static void ValidateFileMode(int? mode, string path, PodValidationContext context)
    {
        if (mode is > 511 or < 0)
        {
            context.Add(FieldError.Invalid(path, mode.Value, FileModeErrorMsg));
        }
    }

    public static void ValidateKeyToPath(KeyToPath item, string path, PodValidationContext context)
    {
        if (string.IsNullOrEmpty(item.Key))
        {
            context.Add(FieldError.Required(path.Child("key")));
        }

        if (string.IsNullOrEmpty(item.Path))
        {
            context.Add(FieldError.Required(path.Child("path")));
        }

        ValidateLocalNonReservedPath(item.Path, path.Child("path"), context);
        ValidateFileMode(item.Mode, path.Child("mode"), context);
    }
}
