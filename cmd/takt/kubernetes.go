package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
)

type kubernetesOptions struct {
	shards, image, name, claim, cpus string
	merge                            bool
}

func newKubernetesCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &kubernetesOptions{}
	own := map[string]clusterFlag{
		"shards":        {arg: "N", value: &o.shards, usage: "number of shards N: the Job's completions (required)"},
		"image":         {arg: "IMG", value: &o.image, usage: "container image IMG with takt as its entrypoint (required)"},
		"name":          {arg: "NAME", value: &o.name, usage: "name of the Job (default: takt-COMMAND-NAME)"},
		"claim":         {arg: "PVC", value: &o.claim, usage: "PersistentVolumeClaim (ReadWriteMany) for the shards (default: takt-results)"},
		"cpus-per-task": {arg: "C", value: &o.cpus, usage: "CPUs C each shard requests; its replications run in C processes"},
		"merge":         {isSet: &o.merge, usage: "print the merge step's Job instead, to apply once the shards completed"},
	}
	cmd := &cobra.Command{
		Use:   "kubernetes [COMMAND] FILE [command flags] --shards N --image IMG [--merge]",
		Short: "Print a Kubernetes Indexed Job that runs a command as shards, and its merge step",
		Long: `Kubernetes prints a manifest for kubectl apply: a ConfigMap with the scenario
and an Indexed Job of N completions (completionMode: Indexed), in which pod
JOB_COMPLETION_INDEX runs that shard of the command (run by default; compare,
sweep, bottleneck or warmup) with its flags and writes it to the volume of
--claim as shard-I-of-N.shard. With --merge it prints the merge step: a Job
that merges the shards and prints the result as JSON in its log. The steps
to run them are in the manifest's comments.

The image must have takt as its entrypoint; the scenario must not refer to
other files (orders), which are not in the ConfigMap.`,
		Example: `  takt kubernetes scenarios/demo.toml -r 40 --shards 4 --image ghcr.io/example/takt:1 > job.yaml
  takt kubernetes scenarios/demo.toml -r 40 --shards 4 --image ghcr.io/example/takt:1 --merge > merge.yaml`,
	}
	return clusterCmd(cmd, own, func(job *clusterJob) error {
		n, err := shardCount("kubernetes", o.shards)
		if err != nil {
			return err
		}
		if o.image == "" {
			return usageError{fmt.Errorf("give --image IMG, a container image with takt as its entrypoint"), "takt kubernetes"}
		}
		_, err = io.WriteString(stdout, kubernetesManifest(job, o, n))
		return err
	}, stdout, stderr)
}

// kubernetesManifest is the Indexed Job of the shards, or with o.merge the
// Job of the merge step.
func kubernetesManifest(job *clusterJob, o *kubernetesOptions, n int) string {
	name := o.name
	if name == "" {
		name = job.label()
	}
	claim := o.claim
	if claim == "" {
		claim = "takt-results"
	}
	args := []string{job.command}
	key := ""
	if job.file != "" {
		key = regexp.MustCompile(`[^-._a-zA-Z0-9]+`).ReplaceAllString(filepath.Base(job.file), "_")
		args = append(args, "/scenario/"+key)
	}
	args = append(args, job.settings...)
	jobs := "1"
	if o.cpus != "" {
		jobs = o.cpus
	}
	if job.jobs != "" {
		jobs = job.jobs
	}
	typed := shellLine(append([]string{"takt", job.command, job.file}, job.settings...))
	self := append([]string{"takt", "kubernetes", job.command, job.file}, job.settings...)
	self = append(self, "--shards", fmt.Sprint(n), "--image", o.image)
	for _, f := range [][2]string{{"name", o.name}, {"claim", o.claim}, {"cpus-per-task", o.cpus}} {
		if f[1] != "" {
			self = append(self, "--"+f[0], f[1])
		}
	}
	results := fmt.Sprintf(`        volumeMounts:
        - name: results
          mountPath: /results
      volumes:
      - name: results
        persistentVolumeClaim:
          claimName: %s
`, q(claim))
	var b strings.Builder
	if o.merge {
		fmt.Fprintf(&b, `# The merge step of the shards of: %s
# Apply once the shards' Job completed; the result is the Job's log:
#   kubectl apply -f merge.yaml
#   kubectl wait --for=condition=complete --timeout=1h job/%s-merge
#   kubectl logs job/%s-merge > result.json
apiVersion: batch/v1
kind: Job
metadata:
  name: %s
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: merge
        image: %s
        args: %s
%s`, typed, name, name, q(name+"-merge"), q(o.image), q([]string{"merge", "/results", "--json"}), results)
		return b.String()
	}
	fmt.Fprintf(&b, `# Shards of: %s
# An Indexed Job of %d completions: pod JOB_COMPLETION_INDEX runs shard
# JOB_COMPLETION_INDEX+1 of %d and writes it to the volume of claim %s
# (ReadWriteMany, created beforehand). Then the merge step:
#   kubectl apply -f job.yaml
#   kubectl wait --for=condition=complete --timeout=24h job/%s
#   %s --merge > merge.yaml
#   kubectl apply -f merge.yaml
#   kubectl wait --for=condition=complete --timeout=1h job/%s-merge
#   kubectl logs job/%s-merge > result.json
`, typed, n, n, claim, name, shellLine(self), name, name)
	mounts := ""
	if key != "" {
		fmt.Fprintf(&b, `apiVersion: v1
kind: ConfigMap
metadata:
  name: %s
data:
  %s: %s
---
`, q(name+"-scenario"), key, yamlText(job.sc.Data))
		mounts = `        - name: scenario
          mountPath: /scenario
          readOnly: true
`
	}
	resources := ""
	if o.cpus != "" {
		resources = fmt.Sprintf("        resources:\n          requests:\n            cpu: %s\n", q(o.cpus))
	}
	fmt.Fprintf(&b, `apiVersion: batch/v1
kind: Job
metadata:
  name: %s
spec:
  completionMode: Indexed
  completions: %d
  parallelism: %d
  backoffLimit: %d
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: shard
        image: %s
        args: %s
%s%s`, q(name), n, n, n, q(o.image), q(append(args, "-q", "-j", jobs, "--shards", fmt.Sprint(n), "--out", "/results/")),
		resources, strings.Replace(results, "          mountPath: /results\n", "          mountPath: /results\n"+mounts, 1))
	if key != "" {
		b.WriteString(`      - name: scenario
        configMap:
          name: ` + q(name+"-scenario") + "\n")
	}
	return b.String()
}

// q is v in YAML's flow style (JSON is YAML).
func q(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// yamlText is text as a YAML value: a literal block when that keeps it
// exactly, a quoted string otherwise.
func yamlText(data []byte) string {
	s := string(data)
	if strings.HasSuffix(s, "\n") && !strings.HasSuffix(s, "\n\n") && !strings.ContainsAny(s, "\r\t") &&
		!strings.HasPrefix(s, " ") && !strings.HasPrefix(s, "\n") {
		lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
		for i, l := range lines {
			if l != "" {
				lines[i] = "    " + l
			}
		}
		return "|\n" + strings.Join(lines, "\n")
	}
	return q(s)
}
