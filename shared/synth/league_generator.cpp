#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "synth/league_model.hpp"
#include "synth/rng.hpp"

namespace nba::synth {

namespace {

const std::array<const char*, 30> kTricodes = {"ATL", "BKN", "BOS", "CHA", "CHI", "CLE", "DAL", "DEN", "DET", "GSW",
                                               "HOU", "IND", "LAC", "LAL", "MEM", "MIA", "MIL", "MIN", "NOP", "NYK",
                                               "OKC", "ORL", "PHI", "PHX", "POR", "SAC", "SAS", "TOR", "UTA", "WAS"};
const std::array<const char*, 16> kSyllables = {"ka", "lo", "ri", "ven", "dar", "mi", "tor", "sa",
                                                "jon", "el", "bri", "ant", "mar", "cus", "de", "no"};

// Per-player tendencies that stay fixed for the whole league history.
struct Profile {
  double talent;            // 0.3 .. 1.0, drives minutes and usage
  double fga_per_min;       // shot volume
  double paint_share, mid_share;  // remainder is threes
  double paint_pct, mid_pct, three_pct, ft_rate, ft_pct;
  double dnp_rate;
};

struct Generator {
  SynthOptions opt;
  Rng rng;
  League league;
  std::vector<Profile> profiles;
  std::vector<std::vector<int>> rosters;  // team -> players
  std::vector<int> wins;

  explicit Generator(const SynthOptions& o) : opt(o), rng(o.seed) {}

  std::string make_name() {
    std::string first, last;
    const int a = rng.integer(2, 3), b = rng.integer(2, 3);
    for (int i = 0; i < a; ++i) first += kSyllables[static_cast<std::size_t>(rng.integer(0, 15))];
    for (int i = 0; i < b; ++i) last += kSyllables[static_cast<std::size_t>(rng.integer(0, 15))];
    first[0] = static_cast<char>(first[0] - 32);
    last[0] = static_cast<char>(last[0] - 32);
    return first + " " + last;
  }

  void create_teams_and_players() {
    for (const char* t : kTricodes) league.teams.emplace_back(t);
    rosters.resize(league.teams.size());
    for (std::size_t team = 0; team < league.teams.size(); ++team) {
      const int size = std::max(8, static_cast<int>(std::lround(rng.integer(13, 17) * opt.roster_scale)));
      for (int k = 0; k < size; ++k) {
        const int id = static_cast<int>(league.players.size());
        Player p;
        p.full_name = make_name();
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d", id);
        std::string lookup;
        for (char c : p.full_name)
          if (c != ' ') lookup += static_cast<char>(c | 0x20);
        p.lookup = lookup + buf;  // unique and [a-z0-9] like the original's normalizer
        p.universal_id = std::string("syn_") + buf;
        p.birth_year = rng.integer(1988, 2005);
        league.players.push_back(p);
        Profile pr;
        pr.talent = k < 5 ? rng.uniform(0.7, 1.0) : rng.uniform(0.3, 0.75);
        pr.fga_per_min = rng.uniform(0.22, 0.47) * (0.6 + 0.6 * pr.talent);
        pr.paint_share = rng.uniform(0.2, 0.65);
        pr.mid_share = rng.uniform(0.05, std::max(0.06, 0.85 - pr.paint_share) * 0.5);
        pr.paint_pct = rng.uniform(0.52, 0.68);
        pr.mid_pct = rng.uniform(0.35, 0.47);
        pr.three_pct = rng.uniform(0.28, 0.41);
        pr.ft_rate = rng.uniform(0.12, 0.4);
        pr.ft_pct = rng.uniform(0.6, 0.9);
        pr.dnp_rate = rng.uniform(0.02, 0.08);
        profiles.push_back(pr);
        rosters[team].push_back(id);
      }
    }
  }

  static Day opening_night(int season) {
    Day d = day_from_civil({season, 10, 18});
    while ((d + 4) % 7 != 1) ++d;  // 1970-01-05 (day 4) was a Monday -> (d+4)%7==1 is Tuesday
    return d;
  }

  // 82 games per team from a circle-method round robin: 29 + 29 (home swapped) + 24 rounds.
  std::vector<std::pair<int, int>> regular_season_pairings() {
    const int n = static_cast<int>(league.teams.size());
    std::vector<std::vector<std::pair<int, int>>> rounds;
    std::vector<int> ring(static_cast<std::size_t>(n));
    std::iota(ring.begin(), ring.end(), 0);
    for (int r = 0; r < n - 1; ++r) {
      std::vector<std::pair<int, int>> games;
      for (int i = 0; i < n / 2; ++i) games.emplace_back(ring[static_cast<std::size_t>(i)], ring[static_cast<std::size_t>(n - 1 - i)]);
      rounds.push_back(games);
      std::rotate(ring.begin() + 1, ring.end() - 1, ring.end());
    }
    std::vector<std::pair<int, int>> all;  // (home, away)
    for (int pass = 0; pass < 3; ++pass)
      for (int r = 0; r < (pass == 2 ? 82 - 2 * (n - 1) : n - 1); ++r)
        for (auto [a, b] : rounds[static_cast<std::size_t>(r)]) all.emplace_back(pass == 1 ? b : a, pass == 1 ? a : b);
    for (std::size_t i = all.size(); i > 1; --i) std::swap(all[i - 1], all[static_cast<std::size_t>(rng.next() % i)]);
    return all;
  }

  std::string game_id(bool regular, int season, int seq) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%02d%05d", regular ? "002" : "004", season % 100, seq);
    return buf;
  }

  void maybe_trade(int season) {
    // Two mid-season swaps per season so players change teams mid-season.
    for (int k = 0; k < 2; ++k) {
      const auto a = static_cast<std::size_t>(rng.integer(0, 29)), b = static_cast<std::size_t>(rng.integer(0, 29));
      if (a == b) continue;
      std::swap(rosters[a].back(), rosters[b].back());
    }
    (void)season;
  }

  void simulate_team_side(std::size_t game_index, int team, int opponent, bool home, bool zones) {
    TeamLine tl{team, opponent, game_index, home};
    std::vector<int> available;
    const std::size_t first_line = league.player_lines.size();
    for (int p : rosters[static_cast<std::size_t>(team)]) {
      PlayerLine pl{p, team, opponent, game_index};
      if (rng.chance(profiles[static_cast<std::size_t>(p)].dnp_rate)) {
        pl.active = false;
        league.player_lines.push_back(pl);
      } else {
        available.push_back(p);
      }
    }
    std::sort(available.begin(), available.end(), [&](int a, int b) {
      return profiles[static_cast<std::size_t>(a)].talent > profiles[static_cast<std::size_t>(b)].talent;
    });
    const std::size_t rotation = std::min(available.size(), static_cast<std::size_t>(rng.integer(9, 11)));
    std::vector<std::pair<int, double>> minutes;
    double garbage = 0;
    for (std::size_t i = rotation; i < available.size(); ++i) {
      if (rng.chance(0.35)) {  // garbage time
        const double m = rng.uniform(1.0, 6.0);
        minutes.emplace_back(available[i], m);
        garbage += m;
      } else {  // DNP, coach's decision: listed without minutes like a box score
        PlayerLine pl{available[i], team, opponent, game_index};
        pl.active = false;
        league.player_lines.push_back(pl);
      }
    }
    double wsum = 0;
    std::vector<double> w(rotation);
    for (std::size_t i = 0; i < rotation; ++i)
      wsum += w[i] = std::pow(profiles[static_cast<std::size_t>(available[i])].talent, 1.5) * rng.uniform(0.85, 1.15);
    // Share 240 minutes by weight, capping anyone at 42 and giving the excess to
    // the others (two passes are enough for these weights).
    std::vector<double> share(rotation);
    for (std::size_t i = 0; i < rotation; ++i) share[i] = (240.0 - garbage) * w[i] / wsum;
    for (int pass = 0; pass < 2; ++pass) {
      double excess = 0, uncapped = 0;
      for (auto& m : share) excess += std::max(0.0, m - 42.0), m = std::min(m, 42.0);
      for (double m : share) uncapped += m < 42.0 ? m : 0.0;
      for (auto& m : share)
        if (m < 42.0 && uncapped > 0) m += excess * m / uncapped;
    }
    for (std::size_t i = 0; i < rotation; ++i) minutes.emplace_back(available[i], share[i]);
    std::sort(minutes.begin(), minutes.end());
    for (auto [p, m] : minutes) {
      const Profile& pr = profiles[static_cast<std::size_t>(p)];
      PlayerLine pl{p, team, opponent, game_index};
      pl.minutes_x10 = std::max<std::int64_t>(1, std::llround(m * 10));
      pl.fga = std::max(0, static_cast<int>(std::lround(m * pr.fga_per_min * rng.uniform(0.7, 1.3))));
      for (int s = 0; s < pl.fga; ++s) {
        const double u = rng.uniform();
        if (u < pr.paint_share) ++pl.paint_a, pl.paint_m += rng.chance(pr.paint_pct);
        else if (u < pr.paint_share + pr.mid_share) ++pl.mid_a, pl.mid_m += rng.chance(pr.mid_pct);
        else ++pl.fg3a, pl.fg3m += rng.chance(pr.three_pct);
      }
      pl.fgm = pl.paint_m + pl.mid_m + pl.fg3m;
      pl.fta = rng.binomial(static_cast<int>(std::lround(pl.fga * pr.ft_rate * 2)), 0.5);
      pl.ftm = rng.binomial(pl.fta, pr.ft_pct);
      pl.points = 2 * (pl.paint_m + pl.mid_m) + 3 * pl.fg3m + pl.ftm;
      pl.oreb = rng.binomial(static_cast<int>(m / 6), 0.3);
      pl.dreb = rng.binomial(static_cast<int>(m / 3), 0.35);
      pl.ast = rng.binomial(static_cast<int>(m / 3), 0.2 + 0.2 * pr.talent);
      pl.stl = rng.binomial(static_cast<int>(m / 6), 0.2);
      pl.blk = rng.binomial(static_cast<int>(m / 8), 0.2);
      pl.tov = rng.binomial(static_cast<int>(m / 4), 0.12 + 0.1 * pr.talent);
      pl.pf = rng.binomial(static_cast<int>(m / 6), 0.35);
      pl.assisted = rng.binomial(pl.fgm, 0.55);
      for (int b = 0; b < pl.blk; ++b) {
        const double u = rng.uniform();
        (u < 0.7 ? pl.blocks_paint : u < 0.9 ? pl.blocks_mid : pl.blocks_three)++;
      }
      league.player_lines.push_back(pl);
    }
    (void)zones;
    for (std::size_t i = first_line; i < league.player_lines.size(); ++i) {
      const PlayerLine& pl = league.player_lines[i];
      tl.points += pl.points, tl.fga += pl.fga, tl.fgm += pl.fgm, tl.fg3a += pl.fg3a, tl.fg3m += pl.fg3m;
      tl.fta += pl.fta, tl.ftm += pl.ftm, tl.oreb += pl.oreb, tl.dreb += pl.dreb, tl.ast += pl.ast;
      tl.stl += pl.stl, tl.blk += pl.blk, tl.tov += pl.tov, tl.pf += pl.pf;
      tl.paint_a += pl.paint_a, tl.paint_m += pl.paint_m, tl.mid_a += pl.mid_a, tl.mid_m += pl.mid_m;
      tl.blocks_paint += pl.blocks_paint, tl.blocks_mid += pl.blocks_mid, tl.blocks_three += pl.blocks_three;
    }
    league.team_lines.push_back(tl);
  }

  // Overtime: five more minutes for each starter-like player and a few more shots,
  // repeated until the tie is broken.
  void break_tie(std::size_t game_index, std::size_t home_line, std::size_t away_line) {
    ScheduledGame& g = league.games[game_index];
    while (league.team_lines[home_line].points == league.team_lines[away_line].points) {
      ++g.overtimes;
      for (std::size_t side : {home_line, away_line}) {
        TeamLine& tl = league.team_lines[side];
        tl.minutes += 25;
        std::vector<PlayerLine*> active;
        for (auto& pl : league.player_lines)
          if (pl.game == game_index && pl.team == tl.team && pl.active) active.push_back(&pl);
        std::stable_sort(active.begin(), active.end(),
                         [](auto* a, auto* b) { return a->minutes_x10 > b->minutes_x10; });
        // The five heaviest-minute players play the five overtime minutes.
        for (std::size_t k = 0; k < active.size() && k < 5; ++k) active[k]->minutes_x10 += 50;
        PlayerLine* star = active.front();
        const int makes = rng.binomial(5, 0.5), fts = rng.binomial(4, 0.75);
        star->paint_a += 5, star->paint_m += makes, star->fga += 5, star->fgm += makes;
        star->fta += 4, star->ftm += fts, star->points += 2 * makes + fts;
        star->assisted += makes / 2;
        tl.paint_a += 5, tl.paint_m += makes, tl.fga += 5, tl.fgm += makes, tl.fta += 4, tl.ftm += fts;
        tl.points += 2 * makes + fts;
      }
    }
  }

  void simulate_game(std::size_t gi) {
    const ScheduledGame g = league.games[gi];
    const std::size_t home_line = league.team_lines.size();
    simulate_team_side(gi, g.home, g.away, true, g.has_zones);
    simulate_team_side(gi, g.away, g.home, false, g.has_zones);
    break_tie(gi, home_line, home_line + 1);
    ScheduledGame& sg = league.games[gi];
    sg.home_points = league.team_lines[home_line].points;
    sg.away_points = league.team_lines[home_line + 1].points;
    ++wins[static_cast<std::size_t>(sg.home_points > sg.away_points ? sg.home : sg.away)];
  }

  Day schedule_regular_season(int season) {
    const Day opener = opening_night(season);
    auto pairings = regular_season_pairings();
    const int n = static_cast<int>(league.teams.size());
    std::vector<Day> last_played(static_cast<std::size_t>(n), -100000), before_last(static_cast<std::size_t>(n), -100000);
    const Day break_start = opener + 117, break_end = opener + 122;  // All-Star gap
    const Day trade_day = opener + 60;
    bool traded = false;
    int seq = 1;
    Day day = opener;
    for (; !pairings.empty(); ++day) {
      if (day >= break_start && day <= break_end) continue;
      if (!traded && day >= trade_day) maybe_trade(season), traded = true;
      const int target = day == opener ? 3 : rng.integer(4, 11);
      int placed = 0;
      for (std::size_t i = 0; i < pairings.size() && placed < target;) {
        auto [h, a] = pairings[i];
        auto ok = [&](int t) {
          const auto ti = static_cast<std::size_t>(t);
          return last_played[ti] != day && !(last_played[ti] == day - 1 && before_last[ti] == day - 2);
        };
        if (!ok(h) || !ok(a)) {
          ++i;
          continue;
        }
        for (int t : {h, a}) {
          before_last[static_cast<std::size_t>(t)] = last_played[static_cast<std::size_t>(t)];
          last_played[static_cast<std::size_t>(t)] = day;
        }
        league.games.push_back({game_id(true, season, seq++), day, season, true, h, a});
        simulate_game(league.games.size() - 1);
        pairings.erase(pairings.begin() + static_cast<std::ptrdiff_t>(i));
        ++placed;
      }
    }
    return day;
  }

  void schedule_playoffs(int season, Day start) {
    std::vector<int> seeds(league.teams.size());
    std::iota(seeds.begin(), seeds.end(), 0);
    std::stable_sort(seeds.begin(), seeds.end(), [&](int a, int b) {
      return wins[static_cast<std::size_t>(a)] > wins[static_cast<std::size_t>(b)];
    });
    seeds.resize(16);
    int seq = 1;
    Day round_start = start + 3;
    while (seeds.size() > 1) {
      std::vector<int> winners;
      int longest = 0;
      for (std::size_t i = 0; i < seeds.size() / 2; ++i) {
        const int hi = seeds[i], lo = seeds[seeds.size() - 1 - i];
        int w_hi = 0, w_lo = 0, game = 0;
        while (w_hi < 4 && w_lo < 4) {
          const bool hi_home = game == 0 || game == 1 || game == 4 || game == 6;
          const int home = hi_home ? hi : lo, away = hi_home ? lo : hi;
          // Playoff games have no shot-zone data, as in the real dataset.
          league.games.push_back({game_id(false, season, seq++), round_start + 2 * game, season, false, home, away, 0, 0,
                                  0, false});
          simulate_game(league.games.size() - 1);
          const ScheduledGame& g = league.games.back();
          const int winner = g.home_points > g.away_points ? g.home : g.away;
          (winner == hi ? w_hi : w_lo)++;
          ++game;
        }
        longest = std::max(longest, game);
        winners.push_back(w_hi == 4 ? hi : lo);
      }
      seeds = winners;
      round_start += 2 * longest + 2;
    }
  }

  League run() {
    create_teams_and_players();
    for (int s = opt.first_season; s < opt.first_season + opt.seasons; ++s) {
      wins.assign(league.teams.size(), 0);
      const Day end = schedule_regular_season(s);
      schedule_playoffs(s, end);
    }
    // Games are simulated in date order within a season; keep a stable global order.
    return std::move(league);
  }
};

}  // namespace

League generate_league(const SynthOptions& options) { return Generator(options).run(); }

}  // namespace nba::synth
