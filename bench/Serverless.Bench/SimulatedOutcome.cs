namespace Serverless.Bench;

/// <summary>What one simulated run read and planned, and the CPU time its two pure planners took.</summary>
/// <param name="ArticlesRead">Articles in the working set: the changed ones, their stories' members and the window.</param>
/// <param name="ArticlesInWindow">Day rows read (the articles published within the story window of a changed one).</param>
/// <param name="StoriesRead">Stored stories read in full.</param>
/// <param name="StoriesTouched">Stories the plan writes.</param>
/// <param name="Rounds">Plans made (one more each time a plan reached stories not read yet).</param>
/// <param name="ScoresChanged">Score writes planned.</param>
/// <param name="IndexRowsWritten">Index rows the plan writes.</param>
/// <param name="IndexRowsDeleted">Index rows the plan deletes.</param>
/// <param name="PlanningCpu">CPU time in <c>StoryPlanner.Plan</c> and <c>RescorePlanner.Plan</c>, every round.</param>
public sealed record SimulatedOutcome(int ArticlesRead, int ArticlesInWindow, int StoriesRead, int StoriesTouched, int Rounds, int ScoresChanged, int IndexRowsWritten, int IndexRowsDeleted, TimeSpan PlanningCpu);
