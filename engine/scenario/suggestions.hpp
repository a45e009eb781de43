#pragma once
// "Did you mean ...?" for misspelt names (fields, enum values, list entries): the closest candidates by
// edit distance, and a list joined for a message.
#include <string>
#include <vector>

namespace carecast {

/// Levenshtein distance between `a` and `b`, case-insensitive.
std::size_t edit_distance(const std::string& a, const std::string& b);

/// "; did you mean 'x'?" (or "'x' or 'y'") for the candidates nearest `word` within a distance of about a
/// third of its length (at least 2); "" when none is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

/// "a, b, c".
std::string join_words(const std::vector<std::string>& words);

}  // namespace carecast
