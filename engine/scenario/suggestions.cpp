#include "scenario/suggestions.hpp"

#include <algorithm>
#include <cctype>

namespace carecast {

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
    std::size_t best = limit + 1;
    std::vector<std::string> nearest;
    for (const auto& c : candidates) {
        const auto d = edit_distance(word, c);
        if (d > limit || d > best) continue;
        if (d < best) nearest.clear();
        best = d;
        if (std::find(nearest.begin(), nearest.end(), c) == nearest.end()) nearest.push_back(c);
    }
    if (nearest.empty()) return "";
    std::string out = "; did you mean ";
    for (std::size_t i = 0; i < nearest.size() && i < 3; ++i) out += (i == 0 ? "'" : " or '") + nearest[i] + "'";
    return out + "?";
}

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

}  // namespace carecast
