using Ekuiper.Application.Artifacts;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Store;
using MediatR;

namespace Ekuiper.Application.Plugins.Commands.SavePlugin;

/// <summary>
/// POST /plugins/{sources|sinks|functions|portables}: {"name","file"[,"shellParas"][,"functions"]}; the name must be new.
/// Installed as a one-entry partial import of its nativePlugins or portablePlugins entry (<see cref="SingleEntryImport"/>).
/// </summary>
/// <returns>eKuiper's answer, e.g. "sources plugin random is created".</returns>
public sealed record CreatePlugin(string PluginKind, string Json) : IRequest<string>, IStoreWrite;

/// <summary>
/// PUT /plugins/{kind}/{name}: replaces the plugin with the body's (the path's name counts). A native plugin must exist, as
/// in eKuiper; a portable plugin is created when absent, as eKuiper's update does.
/// </summary>
/// <returns>eKuiper's answer, e.g. "plugin random is updated and eKuiper must restart for the change to take effect.".</returns>
public sealed record UpdatePlugin(string PluginKind, string Name, string Json) : IRequest<string>, IStoreWrite;

public sealed class CreatePluginHandler(SingleEntryImport entries, IEkuiperDbContext db) : IRequestHandler<CreatePlugin, string>
{
    public async Task<string> Handle(CreatePlugin request, CancellationToken cancellationToken)
    {
        var kind = PluginKind.Of(request.PluginKind);
        var body = PluginBody.Decode(kind, request.Json);
        var prefix = kind.IsPortable ? "portable plugin create command error" : $"{kind.Noun} plugins create command error";
        // eKuiper checks a native plugin's name as an id; a portable plugin's only for being empty (and as a file name, below).
        if (!kind.IsPortable)
        {
            PluginBody.RequireValidName(body.Name);
        }
        var name = body.Name.Trim(' ');
        if (name.Length == 0)
        {
            throw new InvalidRequestException($"{prefix}: invalid name {name}: should not be empty");
        }
        body = body with { Name = name };
        if (await StoredArtifacts.FindAsync(db, kind.ArtifactKind, kind.KeyOf(name), cancellationToken) is not null)
        {
            throw new InvalidRequestException($"{prefix}: invalid name {name}: duplicate");
        }
        await entries.WriteAsync(kind.Section, kind.KeyOf(name), body.Entry(), null, prefix, cancellationToken,
            creates: true, replacesArtifact: true);
        return $"{kind.Noun} plugin {name} is created";
    }
}

public sealed class UpdatePluginHandler(SingleEntryImport entries, IEkuiperDbContext db) : IRequestHandler<UpdatePlugin, string>
{
    public async Task<string> Handle(UpdatePlugin request, CancellationToken cancellationToken)
    {
        var kind = PluginKind.Of(request.PluginKind);
        if (!kind.IsPortable)
        {
            PluginBody.RequireValidName(request.Name);
        }
        var body = PluginBody.Decode(kind, request.Json);
        var key = kind.KeyOf(request.Name);
        var stored = await StoredArtifacts.FindAsync(db, kind.ArtifactKind, key, cancellationToken);
        if (stored is null && !kind.IsPortable)
        {
            throw new NotFoundException(
                $"update {kind.Noun} plugin {request.Name} error, cannot delete old version: invalid name {request.Name}: not exist");
        }
        // eKuiper would delete the path's plugin and install the body's under the body's name; here one name is meant.
        var bodyName = body.Name.Trim(' ');
        if (bodyName.Length > 0 && bodyName != request.Name)
        {
            throw new InvalidRequestException($"Invalid body: the body names plugin {bodyName}, the path {request.Name}");
        }
        body = body with { Name = request.Name };
        var prefix = kind.IsPortable ? "portable plugin update command error" : $"{kind.Noun} plugins create command error";
        await entries.WriteAsync(kind.Section, key, body.Entry(), null, prefix, cancellationToken,
            creates: stored is null, replacesArtifact: true);
        return kind.IsPortable
            ? $"portable plugin {request.Name} is updated"
            : $"plugin {request.Name} is updated and eKuiper must restart for the change to take effect.";
    }
}
