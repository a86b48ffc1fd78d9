namespace Sharplet.Config;

internal enum PodOperation
{
    Add,
    Update,
    Remove,
}
