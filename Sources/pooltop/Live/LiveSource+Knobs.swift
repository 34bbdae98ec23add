import ConnectionPool
import Inspector
import Workload

/// The knobs panel on the live pool and load: each value goes through its knob's own parser, so a value the
/// panel refused is never half applied here either.
extension LiveSource {
    func setKnob(_ knob: Knob, _ text: String) -> String? {
        var refusal: KnobError?
        let status: String?
        switch knob {
        case .preset:
            do { status = applyPreset(try Preset.parse(text)) } catch { return error.description }
        case .pool(let knob):
            status = reconfigure { configuration in
                do throws(KnobError) { try knob.apply(text, to: &configuration) } catch { refusal = error }
            }
        case .load(let knob):
            status = updateLoad { settings in
                do throws(KnobError) { try knob.apply(text, to: &settings) } catch { refusal = error }
            }
            if refusal == nil, knob == .mode, session.pool == nil { return "mode: no pool to switch to (started in no-pool mode)" }
        }
        return refusal?.description ?? status
    }
}
