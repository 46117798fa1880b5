using System.Globalization;
using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Simulation;

/// <summary>
/// Simulates what a serving system logs: per request, the recall stage's candidates (from the
/// user's recent categories, popular items and random items), the fine ranker's noisy logits for
/// two objectives (it sees a budget cross feature the logs do not), the final list ordered by the
/// fused score, a diversity re-rank, and clicks sampled from the hidden truth with position bias.
/// Deterministic by <see cref="SimulationOptions.Seed"/>; every day is generated independently.
/// </summary>
public sealed class LogSimulator
{
    private readonly SimulationOptions _options;
    private readonly SimulatedWorld _world;

    public LogSimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid simulation options: " + string.Join("; ", errors), nameof(options));
        }
        _options = options;
        _world = SimulatedWorld.Create(options);
    }

    public SimulationOptions Options => _options;

    public LogWriteSchema Schema { get; } = new(SimulatedFeatures.Objectives, HasLabels: true, HasRerankPosition: true, SimulatedFeatures.All);

    public IEnumerable<DateOnly> Days => Enumerable.Range(0, _options.Days).Select(d => _options.StartDay.AddDays(d));

    /// <summary>Every item with its item-side features.</summary>
    public Catalogue CreateCatalogue()
    {
        SimulatedItem[] items = _world.Items;
        var rows = Enumerable.Range(0, items.Length).ToArray();
        return new Catalogue(items.Select(i => i.Id).ToArray(), ItemFeatures(rows));
    }

    /// <summary>The requests of one day, in event-time order.</summary>
    public IEnumerable<RequestBlock> SimulateDay(DateOnly day)
    {
        int dayIndex = day.DayNumber - _options.StartDay.DayNumber;
        var random = new Random(unchecked((_options.Seed * 1_000_003) + dayIndex));
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        long[] offsetsMs = Enumerable.Range(0, _options.RequestsPerDay)
            .Select(_ => (long)(random.NextDouble() * 86_400_000))
            .Order()
            .ToArray();
        for (int r = 0; r < offsetsMs.Length; r++)
        {
            string requestId = string.Create(CultureInfo.InvariantCulture, $"{day:yyyyMMdd}-{r:D6}");
            yield return SimulateRequest(random, requestId, start.AddMilliseconds(offsetsMs[r]));
        }
    }

    private RequestBlock SimulateRequest(Random random, string requestId, DateTimeOffset eventTime)
    {
        SimulatedUser user = _world.Users[random.NextWeighted(_world.UserActivityCumulative)];
        int[] candidates = Recall(random, user);
        int n = candidates.Length;

        var truth = new double[n];
        var click = new float[n];
        var finish = new float[n];
        var fused = new double[n];
        for (int c = 0; c < n; c++)
        {
            SimulatedItem item = _world.Items[candidates[c]];
            truth[c] = _world.Affinity(user, item);
            click[c] = (float)(truth[c] - 1.0 + (_options.TeacherNoise * random.NextGaussian()));
            finish[c] = (float)((0.6 * truth[c]) + (0.8 * item.Quality) - 1.5 + (_options.TeacherNoise * random.NextGaussian()));
            fused[c] = (SimulatedFeatures.FusionWeights[0] * click[c]) + (SimulatedFeatures.FusionWeights[1] * finish[c]);
        }

        // Rows are logged in the teacher's order: the final list first, then the candidates it cut.
        int[] order = Enumerable.Range(0, n).OrderByDescending(c => fused[c]).ThenBy(c => c).ToArray();
        int listLength = _options.ListLength;
        var positions = new int[n];
        for (int p = 0; p < listLength; p++)
        {
            positions[p] = p + 1;
        }
        int[] rerank = Rerank(order, listLength, fused, candidates);

        var clickLabel = new float[n];
        var finishLabel = new float[n];
        for (int row = 0; row < n; row++)
        {
            int c = order[row];
            if (rerank[row] == LogContract.PositionCut)
            {
                clickLabel[row] = float.NaN;
                finishLabel[row] = float.NaN;
                continue;
            }
            double examine = Math.Pow(rerank[row], -_options.PositionBias);
            bool clicked = random.NextDouble() < examine * Sigmoid(truth[c] - 1.0);
            bool finished = clicked && random.NextDouble() < Sigmoid((0.6 * truth[c]) + (0.8 * _world.Items[candidates[c]].Quality) - 0.5);
            clickLabel[row] = clicked ? 1f : 0f;
            finishLabel[row] = finished ? 1f : 0f;
        }

        int[] itemRows = order.Select(c => candidates[c]).ToArray();
        FeatureBatch itemFeatures = ItemFeatures(itemRows);
        var columns = new Dictionary<string, FeatureColumn>(itemFeatures.Columns, StringComparer.Ordinal)
        {
            ["user_id"] = new CategoricalColumn(Enumerable.Repeat(user.Id, n).ToArray()),
            ["segment"] = new CategoricalColumn(Enumerable.Repeat(user.Segment, n).ToArray()),
            ["recent_categories"] = MultiCategoricalColumn.FromRows(Enumerable.Repeat<IReadOnlyList<long>>(user.RecentCategories, n).ToArray()),
            ["activity"] = new NumericColumn(Enumerable.Repeat(user.Activity, n).ToArray()),
        };

        return new RequestBlock
        {
            RequestId = requestId,
            EventTime = eventTime,
            UserId = user.Id,
            ItemIds = itemRows.Select(i => _world.Items[i].Id).ToArray(),
            Positions = positions,
            RerankPositions = rerank,
            TeacherLogits = new Dictionary<string, float[]>(StringComparer.Ordinal)
            {
                ["click"] = order.Select(c => click[c]).ToArray(),
                ["finish"] = order.Select(c => finish[c]).ToArray(),
            },
            Labels = new Dictionary<string, float[]>(StringComparer.Ordinal)
            {
                ["click"] = clickLabel,
                ["finish"] = finishLabel,
            },
            Features = new FeatureBatch(n, columns),
        };
    }

    /// <summary>The recall stage: candidates from the user's recent categories, popular items and random items.</summary>
    private int[] Recall(Random random, SimulatedUser user)
    {
        int want = _options.CandidatesPerRequest;
        var chosen = new HashSet<int>();
        var result = new List<int>(want);
        int attempts = 0;
        while (result.Count < want)
        {
            double source = random.NextDouble();
            int item;
            if (source < 0.45 && attempts < want * 20)
            {
                int[] pool = _world.ItemsByCategory[user.RecentCategories[random.Next(user.RecentCategories.Length)]];
                item = pool.Length > 0 ? pool[random.Next(pool.Length)] : random.Next(_world.Items.Length);
            }
            else if (source < 0.8)
            {
                item = random.NextWeighted(_world.ItemPopularityCumulative);
            }
            else
            {
                item = random.Next(_world.Items.Length);
            }
            attempts++;
            if (chosen.Add(item))
            {
                result.Add(item);
            }
        }
        return result.ToArray();
    }

    /// <summary>
    /// Re-ranking by a diversity rule: greedily take the best fused score, penalised by 0.3 for every
    /// item of the same category already placed. Returns re-rank positions by row (0 = cut).
    /// </summary>
    private int[] Rerank(int[] order, int listLength, double[] fused, int[] candidates)
    {
        var rerank = new int[order.Length];
        var placed = new Dictionary<long, int>();
        var remaining = Enumerable.Range(0, listLength).ToList();
        for (int position = 1; position <= listLength; position++)
        {
            int bestIndex = 0;
            double bestScore = double.NegativeInfinity;
            for (int i = 0; i < remaining.Count; i++)
            {
                int row = remaining[i];
                long category = _world.Items[candidates[order[row]]].Category;
                double score = fused[order[row]] - (0.3 * placed.GetValueOrDefault(category));
                if (score > bestScore)
                {
                    bestScore = score;
                    bestIndex = i;
                }
            }
            int chosenRow = remaining[bestIndex];
            remaining.RemoveAt(bestIndex);
            rerank[chosenRow] = position;
            long chosenCategory = _world.Items[candidates[order[chosenRow]]].Category;
            placed[chosenCategory] = placed.GetValueOrDefault(chosenCategory) + 1;
        }
        return rerank;
    }

    private FeatureBatch ItemFeatures(int[] itemIndexes)
    {
        SimulatedItem[] items = itemIndexes.Select(i => _world.Items[i]).ToArray();
        return new FeatureBatch(items.Length, new Dictionary<string, FeatureColumn>(StringComparer.Ordinal)
        {
            ["item_id"] = new CategoricalColumn(items.Select(i => i.Id).ToArray()),
            ["category"] = new CategoricalColumn(items.Select(i => i.Category).ToArray()),
            ["tags"] = MultiCategoricalColumn.FromRows(items.Select(i => (IReadOnlyList<long>)i.Tags).ToArray()),
            ["popularity"] = new NumericColumn(items.Select(i => i.Popularity).ToArray()),
            ["price"] = new NumericColumn(items.Select(i => i.Price).ToArray()),
        });
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
