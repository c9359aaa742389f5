using System.Text.Json;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Domain.Artifacts;

/// <summary>
/// What eKuiper expects in an external service zip: the descriptor <c>name.json</c> at its top and the schema files it
/// names under <c>schemas/</c>. Each interface of the descriptor has an address and a protocol (rest, grpc or
/// msgpack-rpc) and is either schemaless (one function named after the interface) or described by a protobuf file,
/// whose rpcs become the functions, renamed by the interface's <c>functions</c> mappings.
/// </summary>
public static class ServicePackage
{
    public const string SchemaFolder = "schemas/";
    private static readonly string[] Protocols = ["rest", "grpc", "msgpack-rpc"];

    public static EntryResult<CheckedPackage> Check(string name, IPackageContents contents)
    {
        var described = Describe(name, contents);
        return described.IsValid
            ? EntryResult<CheckedPackage>.Ok(new CheckedPackage(described.Value!.SelectMany(i => i.Functions).Select(f => f.Name).ToList()))
            : Fail(described.Error!);
    }

    /// <summary>
    /// The descriptor's interfaces, in its order, each with the functions it provides (and the rpc each calls), as the
    /// install checks them; the error is the install's.
    /// </summary>
    public static EntryResult<IReadOnlyList<ServiceInterface>> Describe(string name, IPackageContents contents)
    {
        var descriptorName = name + ".json";
        if (DescriptorPath(name, contents) is not { } descriptorPath || contents.ReadText(descriptorPath) is not { } text)
        {
            return Failed($"cannot find the json descriptor file {descriptorName} for service");
        }
        try
        {
            using var document = JsonText.ParseUntrusted(text);
            var interfaces = ReadInterfaces(document.RootElement, contents, out var error);
            return error is null
                ? EntryResult<IReadOnlyList<ServiceInterface>>.Ok(interfaces)
                : Failed($"parse services file {descriptorName} failed: {error}");
        }
        catch (JsonException e)
        {
            return Failed($"parse services file {descriptorName} failed: {e.Message}");
        }
    }

    /// <summary>
    /// The path of the descriptor in <paramref name="contents"/>; null when absent. eKuiper finds the descriptor whatever
    /// the case of its file name.
    /// </summary>
    public static string? DescriptorPath(string name, IPackageContents contents) =>
        contents.Files.FirstOrDefault(f => string.Equals(f, name + ".json", StringComparison.OrdinalIgnoreCase));

    private static List<ServiceInterface> ReadInterfaces(JsonElement root, IPackageContents contents, out string? error)
    {
        var result = new List<ServiceInterface>();
        var functions = new List<string>();
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the descriptor must be a JSON object";
            return result;
        }
        if (!root.TryGetProperty("interfaces", out var interfaces) || interfaces.ValueKind != JsonValueKind.Object
            || !interfaces.EnumerateObject().Any())
        {
            error = "interfaces must be an object with at least one interface";
            return result;
        }
        foreach (var binding in interfaces.EnumerateObject())
        {
            var declared = InterfaceFunctions(binding.Name, binding.Value, contents, out error);
            if (error is not null)
            {
                return result;
            }
            foreach (var function in declared)
            {
                if (functions.Contains(function.Name))
                {
                    error = $"function {function.Name} is defined twice";
                    return result;
                }
                functions.Add(function.Name);
            }
            result.Add(new ServiceInterface(binding.Name, declared));
        }
        return result;
    }

    private static List<ServiceFunction> InterfaceFunctions(string name, JsonElement binding, IPackageContents contents, out string? error)
    {
        error = null;
        if (binding.ValueKind != JsonValueKind.Object)
        {
            error = $"interface {name} must be an object";
            return [];
        }
        var address = Text(binding, "address");
        var protocol = Text(binding, "protocol");
        var schemaType = Text(binding, "schemaType") ?? string.Empty;
        var schemaFile = Text(binding, "schemaFile") ?? string.Empty;
        var schemaless = binding.TryGetProperty("schemaless", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (string.IsNullOrEmpty(address))
        {
            error = $"interface {name}: address is required";
        }
        else if (!Protocols.Contains(protocol))
        {
            error = $"interface {name}: unsupported protocol {protocol}: use rest, grpc or msgpack-rpc";
        }
        else if (schemaless)
        {
            // A schemaless interface is one function, named after the interface.
            error = schemaType.Length > 0 || schemaFile.Length > 0
                ? $"interface {name}: schemaless type does not support schema files"
                : protocol != "rest" ? $"interface {name}: a schemaless interface must use the rest protocol" : null;
            return [new ServiceFunction(name, name)];
        }
        else if (schemaType != "protobuf")
        {
            error = $"interface {name}: unsupported schema {schemaType} for schema type: use protobuf";
        }
        else if (schemaFile.Length == 0)
        {
            error = $"interface {name}: schemaFile is required";
        }
        if (error is not null)
        {
            return [];
        }

        var protoText = contents.ReadText(SchemaFolder + schemaFile);
        if (protoText is null)
        {
            error = $"Fail to parse schema file {schemaFile}: {SchemaFolder}{schemaFile} is not in the service zip";
            return [];
        }
        var proto = ProtoSchema.Parse(protoText);
        if (!proto.IsValid)
        {
            error = $"Fail to parse schema file {schemaFile}: {proto.Error}";
            return [];
        }
        var rpcs = proto.Value!.Rpcs.ToList();
        if (rpcs.Count == 0)
        {
            error = $"Fail to parse schema file {schemaFile}: it defines no rpc in a service";
            return [];
        }
        var aliases = Aliases(name, binding, rpcs, schemaFile, out error);
        return rpcs.Select(rpc => new ServiceFunction(aliases.GetValueOrDefault(rpc, rpc), rpc)).ToList();
    }

    /// <summary>The interface's functions mappings, rpc → SQL function name.</summary>
    private static Dictionary<string, string> Aliases(string name, JsonElement binding, List<string> rpcs, string schemaFile, out string? error)
    {
        error = null;
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!binding.TryGetProperty("functions", out var mappings) || mappings.ValueKind == JsonValueKind.Null)
        {
            return aliases;
        }
        if (mappings.ValueKind != JsonValueKind.Array)
        {
            error = $"interface {name}: functions must be an array of {{\"name\",\"serviceName\"}}";
            return aliases;
        }
        foreach (var mapping in mappings.EnumerateArray())
        {
            var function = mapping.ValueKind == JsonValueKind.Object ? Text(mapping, "name") : null;
            var rpc = mapping.ValueKind == JsonValueKind.Object ? Text(mapping, "serviceName") : null;
            if (string.IsNullOrEmpty(function) || string.IsNullOrEmpty(rpc))
            {
                error = $"interface {name}: each function mapping needs a name and a serviceName";
                return aliases;
            }
            if (!rpcs.Contains(rpc))
            {
                error = $"interface {name}: function {function} maps to rpc {rpc}, which {schemaFile} does not define";
                return aliases;
            }
            aliases[rpc] = function;
        }
        return aliases;
    }

    private static string? Text(JsonElement element, string field) =>
        element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static EntryResult<CheckedPackage> Fail(string message) => EntryResult<CheckedPackage>.Fail(message);

    private static EntryResult<IReadOnlyList<ServiceInterface>> Failed(string message) => EntryResult<IReadOnlyList<ServiceInterface>>.Fail(message);
}

/// <summary>One interface of a service descriptor and the SQL functions it provides.</summary>
public sealed record ServiceInterface(string Name, IReadOnlyList<ServiceFunction> Functions);

/// <summary>A SQL function of a service (the rpc's name, or its alias) and the rpc it calls (for a schemaless interface, the interface's name).</summary>
public sealed record ServiceFunction(string Name, string Method);
