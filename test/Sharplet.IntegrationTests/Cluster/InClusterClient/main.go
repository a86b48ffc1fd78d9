// A minimal in-cluster API client, configured the way client-go's rest.InClusterConfig is: the API server
// from KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT, the bearer token, CA bundle and namespace from the
// service account directory the kubelet mounts. It reads its own pod (POD_NAME) and reports the result in
// the termination message; it exits non-zero on any failure. Built by InClusterClientTests with the
// machine's Go, statically (CGO_ENABLED=0), and mounted into a busybox container.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

const serviceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount"

func report(format string, args ...interface{}) {
	text := fmt.Sprintf(format, args...)
	fmt.Println(text)
	_ = os.WriteFile("/dev/termination-log", []byte(text), 0o644)
}

func fail(format string, args ...interface{}) {
	report("FAIL "+format, args...)
	os.Exit(1)
}

func read(name string) string {
	data, err := os.ReadFile(serviceAccountDir + "/" + name)
	if err != nil {
		fail("%v", err)
	}
	return string(data)
}

func main() {
	token := strings.TrimSpace(read("token"))
	namespace := read("namespace")
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM([]byte(read("ca.crt"))) {
		fail("%s/ca.crt holds no PEM certificate", serviceAccountDir)
	}
	host, port := os.Getenv("KUBERNETES_SERVICE_HOST"), os.Getenv("KUBERNETES_SERVICE_PORT")
	if host == "" || port == "" {
		fail("KUBERNETES_SERVICE_HOST/PORT are not set")
	}

	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
	}
	url := "https://" + net.JoinHostPort(host, port) + "/api/v1/namespaces/" + namespace + "/pods/" + os.Getenv("POD_NAME")
	request, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		fail("%v", err)
	}
	request.Header.Set("Authorization", "Bearer "+token)
	response, err := client.Do(request)
	if err != nil {
		fail("GET %s: %v", url, err)
	}
	defer response.Body.Close()
	body, _ := io.ReadAll(response.Body)
	if response.StatusCode != http.StatusOK {
		fail("GET %s: %s: %s", url, response.Status, body)
	}
	report("OK namespace=%s GET %s %d", namespace, url, response.StatusCode)
}
