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
    }
}
