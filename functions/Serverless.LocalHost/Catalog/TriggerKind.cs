namespace Serverless.LocalHost.Catalog;

public enum TriggerKind
{
    Http,
    Blob,
    Timer,
    Queue,
}
