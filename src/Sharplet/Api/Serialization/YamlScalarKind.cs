namespace Sharplet.Api;

/// <summary>The YAML 1.1 type a scalar resolves to; NotJson is .inf or .nan, which JSON cannot hold.</summary>
internal enum YamlScalarKind
{
    Null,
    Bool,
    Int,
    Float,
    String,
    NotJson,
}
