using System.Reflection;

namespace Serverless.LocalHost.Catalog;

/// <summary>One <c>[Function]</c> of the app, with the trigger attribute read from its own parameter.</summary>
public sealed record FunctionDescriptor(string Name, Type FunctionType, MethodInfo Method, TriggerKind Kind, ParameterInfo TriggerParameter, Attribute Trigger);
