#!/bin/bash
# A CrowdSec Local API of its own for the tests: Debian's crowdsec 1.4.6 run
# as the Local API only (-no-cs: no agent, -no-capi: no Central API), its
# config, database and logs in DIR, listening on ADDR (127.0.0.1:8080 if
# not given). Registers a machine (DIR/machine.yaml, as cscli writes it: url,
# login, password) and prints nothing else; the pid is in DIR/pid.
#
#   tests/crowdsec/lapi.sh start DIR [ADDR]
#   tests/crowdsec/lapi.sh stop DIR
#   tests/crowdsec/lapi.sh cscli DIR ARGS...   (cscli on that config)
set -eu

cmd=$1 dir=$2
case $cmd in
start)
	addr=${3:-127.0.0.1:8080}
	mkdir -p "$dir/data" "$dir/hub"
	cat > "$dir/config.yaml" <<EOC
common:
  daemonize: false
  log_media: file
  log_level: info
  log_dir: $dir/
  working_dir: $dir
config_paths:
  config_dir: $dir/
  data_dir: $dir/data/
  simulation_path: $dir/simulation.yaml
  hub_dir: $dir/hub/
  index_path: $dir/hub/.index.json
  notification_dir: $dir/notifications/
  plugin_dir: /usr/lib/crowdsec/plugins/
cscli:
  output: human
  color: no
db_config:
  log_level: info
  type: sqlite
  db_path: $dir/data/crowdsec.db
  use_wal: true
  flush:
    max_items: 5000
    max_age: 7d
api:
  client:
    insecure_skip_verify: false
    credentials_path: $dir/machine.yaml
  server:
    log_level: info
    listen_uri: $addr
    profiles_path: $dir/profiles.yaml
    console_path: $dir/console.yaml
    trusted_ips:
      - 127.0.0.1
      - ::1
prometheus:
  enabled: false
EOC
	cat > "$dir/profiles.yaml" <<'EOC'
name: default_ip_remediation
filters:
 - Alert.Remediation == true && Alert.GetScope() == "Ip"
decisions:
 - type: ban
   duration: 4h
on_success: break
EOC
	printf 'simulation: off\nexclusions: []\n' > "$dir/simulation.yaml"
	printf 'share_manual_decisions: false\nshare_custom: false\nshare_tainted: false\n' > "$dir/console.yaml"
	echo '{}' > "$dir/hub/.index.json"
	: > "$dir/machine.yaml"
	crowdsec -c "$dir/config.yaml" -no-cs -no-capi > "$dir/stdout.log" 2>&1 &
	echo $! > "$dir/pid"
	host=${addr%:*} port=${addr##*:}
	for _ in $(seq 300); do
		if (exec 3<> "/dev/tcp/$host/$port") 2> /dev/null; then
			break
		fi
		kill -0 "$(cat "$dir/pid")" 2> /dev/null || { cat "$dir/stdout.log" "$dir"/crowdsec*.log >&2 2> /dev/null; exit 1; }
		sleep 0.2
	done
	cscli -c "$dir/config.yaml" machines add sipguard-test --password "test-$$-pw" \
		-f "$dir/machine.yaml" --url "http://$addr/" --force > /dev/null 2>&1 ||
		{ echo "lapi.sh: cscli machines add failed" >&2; exit 1; }
	;;
stop)
	[ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2> /dev/null || true
	;;
cscli)
	shift 2
	exec cscli -c "$dir/config.yaml" "$@"
	;;
esac
