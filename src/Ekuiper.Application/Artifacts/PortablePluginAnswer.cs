using System.Text;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Rules;
using Ekuiper.Domain.Artifacts;

namespace Ekuiper.Application.Artifacts;

/// <summary>
/// A portable plugin as eKuiper's REST API answers it: its <c>PluginInfo</c> through Go's <c>json.Marshal</c> —
/// name, version, language, executable, then virtualEnvType and env only when the manifest set them (omitempty
/// pointers), then sources, sinks and functions (<c>null</c> when the manifest had none), strings escaped as Go
/// escapes them. The executable is the absolute path on this server, as eKuiper registers it
/// (<c>&lt;data&gt;/plugins/portable/&lt;name&gt;/&lt;executable&gt;</c>, cleaned).
/// </summary>
public static class PortablePluginAnswer
{
    public static string Write(PortablePluginInfo plugin, IArtifactInstaller installed)
    {
        var text = new StringBuilder("{");
        text.Append("\"name\":").Append(GoJsonRemarshal.Quote(plugin.Name));
        text.Append(",\"version\":").Append(GoJsonRemarshal.Quote(plugin.Version));
        text.Append(",\"language\":").Append(GoJsonRemarshal.Quote(plugin.Language));
        var executable = installed.FullPathOf($"plugins/portable/{plugin.Name}/{plugin.Executable}");
        text.Append(",\"executable\":").Append(GoJsonRemarshal.Quote(executable));
        if (plugin.VirtualEnvType is { } virtualEnvType)
        {
            text.Append(",\"virtualEnvType\":").Append(GoJsonRemarshal.Quote(virtualEnvType));
        }
        if (plugin.Env is { } env)
        {
            text.Append(",\"env\":").Append(GoJsonRemarshal.Quote(env));
        }
        Names(text, "sources", plugin.Sources);
        Names(text, "sinks", plugin.Sinks);
        Names(text, "functions", plugin.Functions);
        return text.Append('}').ToString();
    }

    private static void Names(StringBuilder text, string field, IReadOnlyList<string>? names)
    {
        text.Append(",\"").Append(field).Append("\":");
        text.Append(names is null ? "null" : "[" + string.Join(",", names.Select(GoJsonRemarshal.Quote)) + "]");
    }
}
