using System.Text.Json.Serialization.Metadata;
using Sharplet.Api;

namespace Sharplet.KubeClient;

/// <summary>A kind that can be listed and watched: its item description plus the list type's accessors.</summary>
internal sealed record KubeListResource<T, TList>(
    KubeResource<T> Item,
    JsonTypeInfo<TList> ListTypeInfo,
    Func<TList, IReadOnlyList<T>?> Items,
    Func<TList, ListMeta?> ListMetadata)
    where T : class
    where TList : class;
