#!/usr/bin/env bash
# The modern Python peers: Debian roots with newer oslo.messaging and RabbitMQ, each broker on
# its own loopback port beside the machine's RabbitMQ on 5672.
#
#   peers.sh build [PEER...]   make the roots (debootstrap, then apt-get inside); idempotent
#   peers.sh start [PEER...]   start each root's RabbitMQ node(s) and wait until they answer
#   peers.sh stop  [PEER...]   stop them
#   peers.sh status            one line per node
#   peers.sh ctl NODE ARGS...  rabbitmqctl against one node (trixie, forky or forky-strict)
#   peers.sh url NODE          the node's transport URL, rabbit://guest:guest@127.0.0.1:PORT/
#   peers.sh python PEER ARGS...  the root's /usr/bin/python3 (trixie or forky)
#   peers.sh cluster start|stop|status|delete   the three-node RabbitMQ 4.3 cluster of the forky root
#   peers.sh cluster stop NODE    stop one cluster node gracefully (a step of a rolling restart)
#   peers.sh cluster kill NODE    kill -9 one cluster node's Erlang VM (as a host failure would)
#   peers.sh cluster restart NODE start a killed or stopped cluster node again; it rejoins by itself
#   peers.sh cluster leaders      per running cluster node, how many quorum queue leaders it holds
#   peers.sh cluster url          the transport URL naming the three nodes
#   peers.sh netns-cluster start|stop|status|delete|kill|restart|leaders|url   the same for a second
#                 three-node cluster whose nodes live in network namespaces of their own, and:
#   peers.sh netns-cluster cut NODE   cut one node off the others and the clients (its link down):
#                 a partition; the two others carry on as the majority
#   peers.sh netns-cluster heal NODE  bring its link up again; the cluster heals by itself
#
# PEER is trixie (oslo.messaging 16.1, RabbitMQ 4.0) or forky (oslo.messaging 18.3, RabbitMQ 4.3);
# none means both. Roots live in $OSLO4J_ROOTS (default /var/lib/oslo4j/roots), outside any
# checkout, so that every clone on the machine shares them.
#
# Nodes (all on 127.0.0.1, guest/guest):
#   trixie        AMQP 5673, RabbitMQ 4.0 from the trixie root
#   forky         AMQP 5674, RabbitMQ 4.3 from the forky root
#   forky-strict  AMQP 5675, RabbitMQ 4.3 with deprecated feature transient_nonexcl_queues denied
#   forky-c1, forky-c2, forky-c3  AMQP 5681-5683, one RabbitMQ 4.3 cluster (joined with
#                 rabbitmqctl join_cluster, cluster_partition_handling = pause_minority), their
#                 data in the root's /var/lib/rabbitmq/mnesia-forky-cN
#   forky-p1, forky-p2, forky-p3  AMQP 10.81.0.11-13:5672, nodes rabbit@10.81.0.1N (long names), each
#                 in network namespace oslo4j-pN behind a veth on bridge oslo4j-br0 (the machine
#                 is 10.81.0.1); cluster_partition_handling = pause_minority, which RabbitMQ 4.3
#                 (its metadata in Khepri) accepts and ignores: a cut node stays up, alone. Tuned
#                 to find a cut node fast (docs/rabbit-transport.md, "A partition"): net_ticktime = 4
#                 (the other nodes declare it down within about 5 s), Ra's failure detector polling
#                 every second (new quorum queue leaders within about 2 s), and
#                 consumer_disconnected_timeout = 100 (what a quorum queue had handed to consumers
#                 on the cut node goes to other consumers 3-4 s after the cut; by default it waited
#                 for the heal in the runs of 2026-12-01, over 20 s)
set -euo pipefail

ROOTS=${OSLO4J_ROOTS:-/var/lib/oslo4j/roots}
export DEBIAN_FRONTEND=noninteractive

# node name, root, address, AMQP port, distribution port, epmd port, extra rabbitmq.conf lines
CLUSTER_NODES="forky-c1 forky-c2 forky-c3"
NETNS_BRIDGE=oslo4j-br0
node_root()  { case $1 in trixie) echo trixie ;; forky|forky-strict|forky-c[123]|forky-p[123]) echo forky ;; *) return 1 ;; esac; }
node_ip()    { case $1 in forky-p[123]) echo "10.81.0.1${1#forky-p}" ;; *) echo 127.0.0.1 ;; esac; }
node_port()  {
	case $1 in trixie) echo 5673 ;; forky) echo 5674 ;; forky-strict) echo 5675 ;; forky-c[123]) echo $((5680 + ${1#forky-c})) ;; forky-p[123]) echo 5672 ;; esac
}
node_dist()  { echo $(( $(node_port "$1") + 20000 )); }
node_epmd()  { case $1 in forky-p[123]) echo 4369 ;; *) case $(node_root "$1") in trixie) echo 4370 ;; forky) echo 4371 ;; esac ;; esac; }
# the Erlang node name; a namespace node is named after its address, as across hosts
node_name()  { case $1 in forky-p[123]) echo "rabbit@$(node_ip "$1")" ;; *) echo "$1@localhost" ;; esac; }
# what a command for the node runs in: its network namespace, or the machine's
node_netns() { case $1 in forky-p[123]) echo "ip netns exec oslo4j-${1#forky-}" ;; esac; }
node_conf()  {
	echo "listeners.tcp.default = $(node_ip "$1"):$(node_port "$1")"
	echo "loopback_users = none"
	case $1 in
		forky-strict) echo "deprecated_features.permit.transient_nonexcl_queues = false" ;;
		forky-c[123]) echo "cluster_partition_handling = pause_minority" ;;
		forky-p[123]) echo "cluster_partition_handling = pause_minority"; echo "net_ticktime = 4"; echo "raft.adaptive_failure_detector.poll_interval = 1000"; echo "consumer_disconnected_timeout = 100" ;;
	esac
}
peer_nodes() { case $1 in trixie) echo trixie ;; forky) echo forky forky-strict ;; *) echo "unknown peer: $1" >&2; return 1 ;; esac; }

mirror() {
	local uri
	uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
	[ -n "$uri" ] || uri=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
	echo "${uri:-http://deb.debian.org/debian}"
}

mount_root() {
	local root=$1
	mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
	mkdir -p "$root/dev/shm"
	mountpoint -q "$root/dev/shm" || mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
}

build_root() {
	local suite=$1 root=$ROOTS/$1 script
	if [ -f "$root/.oslo4j-ready" ]; then
		echo "root $suite: ready ($root)"
		return
	fi
	if ! command -v debootstrap >/dev/null 2>&1; then
		apt-get update
		apt-get install -y debootstrap
	fi
	case $suite in forky) script=/usr/share/debootstrap/scripts/sid ;; *) script=/usr/share/debootstrap/scripts/$suite ;; esac
	mkdir -p "$ROOTS"
	if [ ! -x "$root/usr/bin/apt-get" ]; then
		rm -rf "$root"
		echo "root $suite: debootstrap from $(mirror)"
		debootstrap --variant=minbase "$suite" "$root" "$(mirror)" "$script" >"$ROOTS/$suite-debootstrap.log" 2>&1 \
			|| { tail -n 30 "$ROOTS/$suite-debootstrap.log" >&2; exit 1; }
	fi
	mount_root "$root"
	# The mirror may serve a suite whose Release file is past its Valid-Until date; these roots
	# are test peers, not systems to keep up to date.
	echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99oslo4j-no-valid-until"
	# No service may start inside the root while packages install: we start the broker ourselves.
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod +x "$root/usr/sbin/policy-rc.d"
	echo "root $suite: installing rabbitmq-server python3-oslo.messaging"
	chroot "$root" apt-get update >/dev/null
	chroot "$root" apt-get install -y --no-install-recommends rabbitmq-server python3-oslo.messaging \
		>"$ROOTS/$suite-apt.log" 2>&1 || { tail -n 30 "$ROOTS/$suite-apt.log" >&2; exit 1; }
	chroot "$root" apt-get clean
	touch "$root/.oslo4j-ready"
	echo "root $suite: ready ($root)"
}

node_env() {
	local node=$1 long=""
	case $node in forky-p[123]) long="RABBITMQ_USE_LONGNAME=true" ;; esac
	echo env HOME=/var/lib/rabbitmq $long \
		RABBITMQ_NODENAME="$(node_name "$node")" \
		RABBITMQ_NODE_IP_ADDRESS="$(node_ip "$node")" RABBITMQ_NODE_PORT="$(node_port "$node")" \
		RABBITMQ_DIST_PORT="$(node_dist "$node")" ERL_EPMD_PORT="$(node_epmd "$node")" \
		RABBITMQ_CONFIG_FILE="/etc/rabbitmq/$node.conf" \
		RABBITMQ_MNESIA_BASE="/var/lib/rabbitmq/mnesia-$node" \
		RABBITMQ_LOG_BASE="/var/log/rabbitmq/$node" \
		RABBITMQ_PID_FILE="/var/lib/rabbitmq/$node.pid"
}

ctl() {
	local node=$1; shift
	# shellcheck disable=SC2046
	$(node_netns "$node") chroot "$ROOTS/$(node_root "$node")" $(node_env "$node") rabbitmqctl -n "$(node_name "$node")" "$@"
}

# The namespaces of the forky-p nodes: oslo4j-pN with a veth (eth0, 10.81.0.1N/24) on bridge
# oslo4j-br0, where the machine is 10.81.0.1; idempotent.
netns_up() {
	local node=$1 ns=oslo4j-${1#forky-} host=o4j-${1#forky-}
	if ! ip link show "$NETNS_BRIDGE" >/dev/null 2>&1; then
		ip link add "$NETNS_BRIDGE" type bridge
		ip addr add 10.81.0.1/24 dev "$NETNS_BRIDGE"
	fi
	ip link set "$NETNS_BRIDGE" up
	[ -e "/var/run/netns/$ns" ] || ip netns add "$ns"
	if ! ip link show "$host" >/dev/null 2>&1; then
		ip link add "$host" type veth peer name "$host-ns"
		ip link set "$host-ns" netns "$ns"
		ip netns exec "$ns" ip link set "$host-ns" name eth0
		ip netns exec "$ns" ip addr add "$(node_ip "$node")/24" dev eth0
		ip link set "$host" master "$NETNS_BRIDGE"
	fi
	ip link set "$host" up
	ip netns exec "$ns" ip link set lo up
	ip netns exec "$ns" ip link set eth0 up
}

# Removes a node's namespace, ending what still runs in it (epmd outlives the node).
netns_down() {
	local ns=oslo4j-${1#forky-} pid
	if [ -e "/var/run/netns/$ns" ]; then
		for pid in $(ip netns pids "$ns"); do kill "$pid" 2>/dev/null || true; done
		ip netns del "$ns"
	fi
	ip link del "o4j-${1#forky-}" 2>/dev/null || true
}

start_node() {
	if launch_node "$1"; then await_node "$1"; fi
}

# Starts a node's VM detached; returns 1 when it was running already. Cluster members are all
# launched before any is awaited: a member that was not the last to stop waits for the others.
launch_node() {
	local node=$1 root=$ROOTS/$(node_root "$1")
	[ -f "$root/.oslo4j-ready" ] || { echo "root $(node_root "$node") is not built: $0 build $(node_root "$node")" >&2; exit 1; }
	mount_root "$root"
	if [ -z "$(node_netns "$node")" ] || [ -e "/var/run/netns/oslo4j-${node#forky-}" ]; then
		if ctl "$node" --timeout 5 status >/dev/null 2>&1; then
			echo "node $node: running on $(node_ip "$node"):$(node_port "$node")"
			return 1
		fi
	fi
	case $node in forky-p[123]) netns_up "$node" ;; esac
	node_conf "$node" >"$root/etc/rabbitmq/$node.conf"
	mkdir -p "$root/var/log/rabbitmq/$node"
	# rabbitmq-server runs as the root's own rabbitmq user
	chroot "$root" chown -R rabbitmq:rabbitmq "/var/log/rabbitmq/$node" /var/lib/rabbitmq
	# shellcheck disable=SC2046
	$(node_netns "$node") chroot "$root" $(node_env "$node") rabbitmq-server -detached
}

await_node() {
	local node=$1 root=$ROOTS/$(node_root "$1") deadline
	deadline=$((SECONDS + 120))
	until ctl "$node" --timeout 10 await_startup >/dev/null 2>&1; do
		if [ "$SECONDS" -ge "$deadline" ]; then
			echo "node $node did not start within 120 s; its log:" >&2
			tail -n 40 "$root/var/log/rabbitmq/$node/"*.log >&2 || true
			exit 1
		fi
		sleep 1
	done
	echo "node $node: running on $(node_ip "$node"):$(node_port "$node") ($(ctl "$node" version 2>/dev/null))"
}

stop_node() {
	ctl "$1" stop >/dev/null 2>&1 && echo "node $1: stopped" || echo "node $1: not running"
}

# The cluster: its first node starts first, the others join it. A node whose data says it is a
# member comes back into the cluster by itself when started, as after a kill.
is_running() {
	case $1 in forky-p[123]) [ -e "/var/run/netns/oslo4j-${1#forky-}" ] || return 1 ;; esac
	ctl "$1" --timeout 5 status >/dev/null 2>&1
}

cluster_seed() { set -- $CLUSTER_NODES; echo "$1"; }

join_node() {
	local node=$1 seed
	seed=$(node_name "$(cluster_seed)")
	if ctl "$node" -q cluster_status 2>/dev/null | grep -q "$seed"; then
		return
	fi
	ctl "$node" stop_app >/dev/null
	ctl "$node" reset >/dev/null
	ctl "$node" join_cluster "$seed" >/dev/null
	ctl "$node" start_app >/dev/null
	echo "node $node: joined $seed"
}

cluster_node() {
	case " $CLUSTER_NODES " in *" ${1:-} "*) ;; *) echo "not a cluster node: ${1:-} (one of $CLUSTER_NODES)" >&2; exit 2 ;; esac
}

cluster_url() {
	local node hosts=""
	for node in $CLUSTER_NODES; do hosts="$hosts${hosts:+,}guest:guest@$(node_ip "$node"):$(node_port "$node")"; done
	echo "rabbit://$hosts/"
}

cluster_kill() {
	local node=$1 pid deadline
	pid=$(cat "$ROOTS/forky/var/lib/rabbitmq/$node.pid" 2>/dev/null || true)
	if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
		echo "node $node: not running" >&2
		exit 1
	fi
	kill -9 "$pid"
	deadline=$((SECONDS + 30))
	while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
	echo "node $node: killed (pid $pid)"
}

# One line per cluster node: its name and how many quorum queue leaders it holds, as a running
# member lists them (nodes that are down hold none).
cluster_leaders() {
	local node listing=""
	for node in $CLUSTER_NODES; do
		if is_running "$node"; then
			listing=$(ctl "$node" -q --no-table-headers list_queues type leader)
			break
		fi
	done
	for node in $CLUSTER_NODES; do
		echo "$node $(echo "$listing" | awk -v n="$(node_name "$node")" '$1 == "quorum" && $2 == n { c++ } END { print c + 0 }')"
	done
}

cluster() {
	local sub=${1:-} node launched state
	shift || true
	case $sub in
		start)
			launched=""
			for node in $CLUSTER_NODES; do if launch_node "$node"; then launched="$launched $node"; fi; done
			for node in $launched; do await_node "$node"; done
			for node in $CLUSTER_NODES; do [ "$node" = "$(cluster_seed)" ] || join_node "$node"; done
			echo "cluster: $(cluster_url)" ;;
		stop)
			if [ $# -gt 0 ]; then cluster_node "$1"; stop_node "$1"; else for node in $CLUSTER_NODES; do stop_node "$node"; done; fi ;;
		delete)
			for node in $CLUSTER_NODES; do
				if is_running "$node"; then stop_node "$node"; fi
				rm -rf "$ROOTS/forky/var/lib/rabbitmq/mnesia-$node" "$ROOTS/forky/var/log/rabbitmq/$node"
				case $node in forky-p[123]) netns_down "$node" ;; esac
			done
			case $CLUSTER_NODES in *forky-p*) ip link del "$NETNS_BRIDGE" 2>/dev/null || true ;; esac ;;
		status)
			for node in $CLUSTER_NODES; do
				if is_running "$node"; then state=running; else state=stopped; fi
				echo "$node $(node_ip "$node"):$(node_port "$node") $(node_name "$node") $state"
			done ;;
		kill) cluster_node "${1:-}"; cluster_kill "$1" ;;
		restart) cluster_node "${1:-}"; start_node "$1" ;;
		leaders) cluster_leaders ;;
		url) cluster_url ;;
		cut|heal)
			case $CLUSTER_NODES in *forky-p*) ;; *) echo "only the netns-cluster can be cut" >&2; exit 2 ;; esac
			cluster_node "${1:-}"
			if [ "$sub" = cut ]; then ip link set "o4j-${1#forky-}" down; else ip link set "o4j-${1#forky-}" up; fi
			echo "node $1: $( [ "$sub" = cut ] && echo cut off || echo reachable again)" ;;
		*) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0" >&2; exit 2 ;;
	esac
}

peers_or_all() { if [ $# -eq 0 ]; then echo trixie forky; else echo "$@"; fi; }

cmd=${1:-}; shift || true
case $cmd in
	build) for p in $(peers_or_all "$@"); do build_root "$p"; done ;;
	start) for p in $(peers_or_all "$@"); do for n in $(peer_nodes "$p"); do start_node "$n"; done; done ;;
	stop)  for p in $(peers_or_all "$@"); do for n in $(peer_nodes "$p"); do stop_node "$n"; done; done ;;
	status)
		for n in trixie forky forky-strict; do
			if [ -f "$ROOTS/$(node_root "$n")/.oslo4j-ready" ] && ctl "$n" --timeout 5 status >/dev/null 2>&1; then
				echo "$n 127.0.0.1:$(node_port "$n") running"
			else
				echo "$n 127.0.0.1:$(node_port "$n") stopped"
			fi
		done ;;
	ctl) ctl "$@" ;;
	cluster) cluster "$@" ;;
	netns-cluster) CLUSTER_NODES="forky-p1 forky-p2 forky-p3"; cluster "$@" ;;
	url) node_root "${1:?node}" >/dev/null || { echo "unknown node: $1" >&2; exit 2; }
		echo "rabbit://guest:guest@127.0.0.1:$(node_port "$1")/" ;;
	python) peer=${1:?peer}; shift; peer_nodes "$peer" >/dev/null; chroot "$ROOTS/$peer" /usr/bin/python3 "$@" ;;
	*) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0" >&2; exit 2 ;;
esac
