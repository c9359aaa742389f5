namespace Ekuiper.Api.IntegrationTests;

/// <summary>A fresh server over its own empty store for each test.</summary>
public abstract class ServerTest
{
    protected EkuiperApiFactory Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    [SetUp]
    public void StartServer()
    {
        Factory = new EkuiperApiFactory();
        Client = Factory.CreateClient();
    }

    [TearDown]
    public void StopServer()
    {
        Client.Dispose();
        Factory.Dispose();
        EkuiperApiFactory.DeleteDirectory(FixtureDirectory);
    }

    /// <summary>Where a test keeps the files it imports by file:// URI; beside the data directory, never inside it.</summary>
    protected string FixtureDirectory => Factory.DataDirectory + "-fixtures";

    /// <summary>Writes a fixture file and gives its file:// URI.</summary>
    protected string WriteFixture(string name, byte[] content)
    {
        Directory.CreateDirectory(FixtureDirectory);
        var path = Path.Combine(FixtureDirectory, name);
        File.WriteAllBytes(path, content);
        return new Uri(path).AbsoluteUri;
    }
}
