namespace Sharplet.Util;

// A setting that cannot be used; the message names the file or flag and what is wrong with it.
internal sealed class ConfigException(string message) : Exception(message);
