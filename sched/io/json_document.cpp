#include <set>
#include <vector>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/json_document.hpp>

namespace cnnsched {

namespace {

using nlohmann::json;

// Where the parser is, as a field path ("tasks[3].cost"), and the keys seen so
// far in every open object.
class JsonPath {
 public:
  std::string path() const {
    std::string p;
    for (const Frame& f : frames_) {
      if (!f.object)
        p += "[" + std::to_string(f.index) + "]";
      else if (!f.key.empty())
        p += (p.empty() ? "" : ".") + f.key;
    }
    return p;
  }
  void open(bool object) { frames_.push_back({object, {}, {}, 0}); }
  void close() {
    frames_.pop_back();
    value_done();
  }
  // False when the open object already has this key.
  bool key(const std::string& k) {
    Frame& f = frames_.back();
    f.key = k;
    return f.keys.insert(k).second;
  }
  void value_done() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }

 private:
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;
    std::size_t index;
  };
  std::vector<Frame> frames_;
};

}  // namespace

json parse_json_document(const std::string& text, const std::string& source) {
  JsonPath at;
  const json::parser_callback_t track = [&](int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        at.open(true);
        break;
      case json::parse_event_t::array_start:
        at.open(false);
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        at.close();
        break;
      case json::parse_event_t::value:
        at.value_done();
        break;
      case json::parse_event_t::key:
        if (!at.key(parsed.get<std::string>()))
          throw InputError(source, at.path(),
                           "is given twice in the same object; allowed: each key once (JSON readers differ "
                           "on which one counts)");
        break;
    }
    return true;
  };
  try {
    return json::parse(text, track);
  } catch (const json::out_of_range& e) {
    // 406: a number literal beyond double range, e.g. "number overflow parsing '1e400'".
    const std::string what = e.what();
    const std::size_t quote = what.find('\'');
    const std::string literal =
        quote == std::string::npos ? "" : " " + what.substr(quote, what.find('\'', quote + 1) - quote + 1);
    throw InputError(
        source, at.path(),
        "the number" + literal +
            " is beyond the range of a double; allowed: finite numbers of magnitude below 1.8e308");
  } catch (const json::exception& e) {
    throw InputError(source, "", std::string("not valid JSON (") + e.what() + ")");
  }
}

}  // namespace cnnsched
